package dev.kplay.kernel;

import dev.kplay.kernel.exports.Symvers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The export table against Module.symvers, and exported objects. */
class ExportsTest extends KernelTestSupport {

    @Test
    void everySymversNameIsExported() {
        List<String> names = Symvers.names();
        assumeFalse(names.isEmpty(), "no Module.symvers on the classpath yet");
        List<String> missing = names.stream().filter(n -> k.exports().lookup(n) == 0).toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void coreExportsHaveKernelTextAddresses() {
        long printk = k.exports().lookup("_printk");
        assertTrue(Long.compareUnsigned(printk, 0xffffffff81000000L) >= 0 && Long.compareUnsigned(printk, 0xffffffffc0000000L) < 0);
        assertNotEquals(0, k.exports().lookup("param_ops_int"));
        assertNotEquals(0, k.exports().lookup("jiffies"));
        assertNotEquals(0, k.exports().lookup("current_task"));
        assertEquals(0, k.exports().lookup("do_init_module"));
    }
}
