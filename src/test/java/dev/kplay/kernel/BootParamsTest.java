package dev.kplay.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.kernel.mm.PageBudget;
import org.junit.jupiter.api.Test;

/** The kernel command line: what kplay simulates is taken, shown and applied; anything else is refused by name. */
class BootParamsTest {
    @Test
    void theSysctlParameterIsAppliedAndShown() {
        BootParams p = BootParams.parse("  sysctl.kernel.hung_task_timeout_secs=5 ");
        assertEquals("sysctl.kernel.hung_task_timeout_secs=5", p.extra());
        assertEquals(5, p.hungTaskTimeoutSecs());
        assertEquals("console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=5", p.commandLine());
        Kernel k = Kernel.boot(KernelConfig.defaults(), PageBudget.unlimited(), p);
        assertEquals(5, k.watchdog().hungTimeoutSecs());
        assertTrue(k.log().records().get(1).text().equals("Command line: console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=5"));
        assertEquals(120, Kernel.boot(KernelConfig.defaults()).watchdog().hungTimeoutSecs());
        assertEquals("console=ttyS0 panic=1 ", BootParams.NONE.commandLine());
        assertEquals(BootParams.NONE, BootParams.parse(null));
        assertEquals(BootParams.NONE, BootParams.parse(" "));
    }

    @Test
    void anythingElseIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BootParams.parse("nokaslr"));
        assertTrue(e.getMessage().contains("\"nokaslr\"") && e.getMessage().contains("hung_task_timeout_secs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BootParams.parse("sysctl.kernel.hung_task_timeout_secs=-1"));
        assertThrows(IllegalArgumentException.class, () -> BootParams.parse("sysctl.kernel.hung_task_timeout_secs"));
        assertThrows(IllegalArgumentException.class, () -> BootParams.parse("sysctl.kernel.hung_task_timeout_secs=99999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> BootParams.parse("sysctl.kernel.hung_task_timeout_secs=1 ".repeat(60)));
    }
}
