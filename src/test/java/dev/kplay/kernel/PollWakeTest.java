package dev.kplay.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * poll(2) with no timeout on a driver's queue: nothing in the kernel can end the wait, so the
 * program stays asleep in S across commands; a later write from another process wakes the queue,
 * and the poll completes with the device readable (do_poll() polling again after pollwake) once
 * the program next gets the CPU (as time passes).
 */
class PollWakeTest {
    static String resource(String name) throws IOException {
        try (InputStream in = PollWakeTest.class.getResourceAsStream("/kernel/pollwait/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Shell.Result run(Session s, String line) {
        return s.exec(line, 60_000L);
    }

    @Test
    void aPollWithoutTimeoutEndsWhenALaterWriteWakesTheQueue() throws IOException {
        Session s = new Session("pollwake", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("kpwait.c", resource("kpwait.c"));
        assertTrue(s.build().ok());
        s.putFile("user-pollwait.c", resource("user-pollwait.c"));
        assertEquals(0, run(s, "gcc -o user-pollwait user-pollwait.c").exitCode());
        assertEquals(0, run(s, "insmod kpwait.ko").exitCode());
        assertEquals(0, run(s, "./user-pollwait > /tmp/pollwait.log &").exitCode());
        assertEquals(0, run(s, "sleep 1").exitCode());
        assertEquals("", run(s, "cat /tmp/pollwait.log").output());
        assertEquals(1, run(s, "rmmod kpwait").exitCode());          // the sleeping poller holds the module
        assertEquals(0, run(s, "echo hello > /dev/kpwait").exitCode());
        assertEquals(0, run(s, "sleep 1").exitCode());                 // the woken poller runs as time passes
        assertEquals(0, run(s, "wait $!").exitCode());
        assertEquals("poll 1 revents 0x1, read 6: hello\n", run(s, "cat /tmp/pollwait.log").output());
        assertEquals(0, run(s, "rmmod kpwait").exitCode());
        String log = s.dmesg();
        int nothing = log.indexOf("kpwait: poll, nothing yet");
        int woken = log.indexOf("kpwait: message of 6 bytes, waking readers");
        int readable = log.indexOf("kpwait: poll, readable");
        int taken = log.indexOf("kpwait: message taken (6 bytes)");
        assertTrue(nothing >= 0 && nothing < woken && woken < readable && readable < taken, log);
    }

    @Test
    void aSignalEndsTheParkedPollAndTakesItsTableOffTheQueue() throws IOException {
        Session s = new Session("pollkill", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("kpwait.c", resource("kpwait.c"));
        assertTrue(s.build().ok());
        s.putFile("user-pollwait.c", resource("user-pollwait.c"));
        assertEquals(0, run(s, "gcc -o user-pollwait user-pollwait.c").exitCode());
        assertEquals(0, run(s, "insmod kpwait.ko").exitCode());
        assertEquals(0, run(s, "./user-pollwait &").exitCode());
        assertEquals(0, run(s, "kill -9 $!").exitCode());
        assertEquals(137, run(s, "wait $!").exitCode());
        assertEquals(0, run(s, "echo hello > /dev/kpwait").exitCode());
        assertEquals(0, run(s, "rmmod kpwait").exitCode());
        assertTrue(!s.dmesg().contains("kpwait: poll, readable"), s.dmesg());
    }
}
