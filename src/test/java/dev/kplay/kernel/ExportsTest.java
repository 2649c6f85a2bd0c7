package dev.kplay.kernel;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.cc.kbuild.SymbolTable;
import dev.kplay.kernel.exports.Symvers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No silent placeholders: the export table against Module.symvers (what kplay models) and
 * unmodelled.symvers (what Linux 6.1 exports and kplay refuses at build); SymversTest holds every
 * declaration of kplay's headers to the two.
 */
class ExportsTest extends KernelTestSupport {

    @Test
    void everyModelledNameIsExported() {
        List<String> names = Symvers.names();
        assertFalse(names.isEmpty(), "no Module.symvers on the classpath");
        List<String> missing = names.stream().filter(n -> k.exports().lookup(n) == 0).toList();
        assertEquals(List.of(), missing, "in Module.symvers but not modelled by the kernel");
    }

    @Test
    void noUnmodelledNameIsExported() {
        assertFalse(SymbolTable.unmodelled().isEmpty());
        List<String> exported = SymbolTable.unmodelled().keySet().stream().filter(n -> k.exports().lookup(n) != 0).toList();
        assertEquals(List.of(), exported, "modelled now: move these lines from unmodelled.symvers to Module.symvers");
        List<String> both = Symvers.names().stream().filter(SymbolTable.unmodelled()::containsKey).toList();
        assertEquals(List.of(), both, "listed as modelled and as unmodelled");
    }

    @Test
    void modpostRefusesAnUnmodelledSymbolWithOneNote() {
        String name = SymbolTable.unmodelled().keySet().iterator().next();
        String header = SymbolTable.unmodelled().get(name);
        String src = "#include <linux/module.h>\n#include <" + header + ">\nMODULE_LICENSE(\"GPL\");\n"
                + "static int __init u_init(void) { pr_info(\"%px\\n\", (void *)&" + name + "); return 0; }\nmodule_init(u_init);\n";
        BuildResult r = Kbuild.build(Map.of("u.c", src));
        assertFalse(r.ok());
        assertTrue(r.output().contains("ERROR: modpost: \"" + name + "\" [u.ko] undefined!\n"
                + "kplay: note: Linux 6.1 exports \"" + name + "\" (" + header + "), but kplay does not simulate it yet\n"),
                r.output());
    }

    @Test
    void aMissingLinuxHeaderGetsOneNote() {
        BuildResult r = Kbuild.build(Map.of("h.c", "#include <linux/blk-mq.h>\n#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n"));
        assertFalse(r.ok());
        assertTrue(r.output().contains("h.c:1:10: fatal error: linux/blk-mq.h: No such file or directory\n"), r.output());
        assertTrue(r.output().contains("compilation terminated.\nkplay: note: linux/blk-mq.h is a header of Linux 6.1; "
                + "kplay does not simulate what it declares yet\n"), r.output());
        BuildResult own = Kbuild.build(Map.of("h.c", "#include \"mine.h\"\n"));
        assertFalse(own.output().contains("kplay: note"), own.output());
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
