package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * After panic() the kernel is dead until Reboot: the command that panicked never finishes, every
 * later command, build and signal is refused with the reason, the state says so, and Reboot gives
 * a working kernel again.
 */
class PanicTest {
    static Session panicked() throws IOException {
        Session s = new Session("panic", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("panicmod.c", Hello3StoryTest.golden("panicmod.c"));
        assertTrue(s.build().ok());
        Shell.Result r = s.exec("insmod panicmod.ko; echo after", 5_000L);
        assertTrue(r.running(), "insmod never returns from a panic: " + r);
        assertEquals("", r.output());
        return s;
    }

    @Test
    void theKernelStaysDeadUntilReboot() throws IOException {
        Session s = panicked();
        assertEquals("panicmod: giving up, reason 42", s.snapshot().panic());
        assertTrue(s.dmesg().contains("Kernel panic - not syncing: panicmod: giving up, reason 42\n"), s.dmesg());
        assertTrue(!s.dmesg().contains("never printed"), s.dmesg());
        SessionException e = assertThrows(SessionException.class, () -> s.exec("lsmod", 1_000L));
        assertEquals(SessionException.Kind.HALTED, e.kind());
        assertTrue(e.getMessage().contains("nothing runs until you reboot"), e.getMessage());
        assertThrows(SessionException.class, s::build);
        assertThrows(SessionException.class, () -> s.signal(2));
        s.reboot();
        assertNull(s.snapshot().panic());
        assertEquals(0, s.exec("lsmod", 1_000L).exitCode());
    }

    @Test
    void aPanicReplaysToTheSameLog() throws IOException {
        Session s = panicked();
        Session again = Session.replay("panic2", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(),
                System::nanoTime);
        assertEquals(s.dmesg(), again.dmesg());
        assertEquals(s.snapshot().panic(), again.snapshot().panic());
    }
}
