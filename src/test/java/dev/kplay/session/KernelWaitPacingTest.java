package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import org.junit.jupiter.api.Test;

/**
 * A live command whose task sleeps in the kernel (msleep in init) takes that wall time, as insmod
 * does on Linux; a fast-forwarding session (tests, replay) does not wait, and both print the same.
 */
class KernelWaitPacingTest {
    private static final String SLOW_INIT = """
            #include <linux/delay.h>
            #include <linux/module.h>
            static int __init slow_init(void) { msleep(400); pr_info("slow: awake\\n"); return 0; }
            static void __exit slow_exit(void) { }
            module_init(slow_init);
            module_exit(slow_exit);
            MODULE_LICENSE("GPL");
            """;

    private static long insmodMillis(SessionLimits limits, StringBuilder dmesg) {
        Session s = new Session("pace", Kbuild::build, limits, System::nanoTime);
        s.putFile("slow.c", SLOW_INIT);
        assertTrue(s.build().ok());
        long start = System.nanoTime();
        Shell.Result r = s.exec("insmod slow.ko", 5_000L);
        long took = (System.nanoTime() - start) / 1_000_000L;
        assertEquals(0, r.exitCode(), r.output());
        dmesg.append(s.dmesg().replaceAll("\\[\\s*\\d+\\.\\d+\\]", ""));
        return took;
    }

    @Test
    void aLiveInsmodWaitsForItsMsleepAndAFastForwardedOneDoesNot() {
        StringBuilder live = new StringBuilder();
        StringBuilder fast = new StringBuilder();
        long liveMs = insmodMillis(SessionLimits.defaults(), live);
        long fastMs = insmodMillis(SessionLimits.defaults().fastForward(), fast);
        assertTrue(liveMs >= 380, "live insmod took " + liveMs + " ms");
        assertTrue(fastMs < 380, "fast-forwarded insmod took " + fastMs + " ms");
        assertTrue(live.toString().contains("slow: awake"), live.toString());
        assertEquals(fast.toString(), live.toString());
    }
}
