package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C and the other signals against a foreground reader asleep in a driver, by sleep state, with
 * the golden killable.c (its runs on the oracle are in golden/sleepstates.out): SIGINT wakes a
 * TASK_INTERRUPTIBLE sleep (-ERESTARTSYS) and, being fatal to a process without a handler,
 * a TASK_KILLABLE one too (complete_signal()'s group exit); bash prints the newline of ^C and the
 * status is 130. A stopped background job shows T and goes on after SIGCONT.
 */
class SignalSleepTest {

    static Session built() throws IOException {
        Session s = new Session("sig", Kbuild::build, SessionLimits.defaults().fastForward(), new AtomicLong()::get);
        try (InputStream in = SignalSleepTest.class.getResourceAsStream("/golden/killable.c")) {
            s.putFile("killable.c", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod killable.ko", 60_000L).exitCode());
        return s;
    }

    /**
     * ^C against a reader asleep in the driver: TASK_INTERRUPTIBLE (S) is woken with -ERESTARTSYS,
     * TASK_KILLABLE (D) too since SIGINT is fatal to cat (the driver sees fatal_signal_pending()).
     */
    @ParameterizedTest(name = "^C wakes the reader of /dev/{0} asleep in state {1}")
    @CsvSource({
        "kwait_i, S, 'kwait_i: woken, ret=-512'",
        "kwait_k, D, 'kwait_k: woken, ret=-512 fatal=1'"})
    void controlCWakesAReaderAsleepInTheDriver(String device, char state, String woken) throws IOException {
        Session s = built();
        Shell.Result r = s.exec("cat /dev/" + device, 60_000L);
        assertTrue(r.running(), r.toString());
        // bash waits in wait4() for the reader: its state is read from the kernel, not from a second command
        assertEquals(state, state(s, r.pid()));
        Session.Signal sig = s.signal(2);
        assertTrue(sig.delivered());
        assertEquals(130, sig.result().exitCode());
        assertTrue(s.dmesg().contains(woken + "\n"), s.dmesg());
    }

    @Test
    void aStoppedJobShowsTAndGoesOnAfterSigcont() throws IOException {
        Session s = built();
        String job = s.exec("sleep 5 &", 60_000L).output();
        assertTrue(job.matches("\\[1\\] \\d+\n"), job);
        Shell.Result stop = s.exec("kill -STOP %1", 60_000L);
        assertEquals(0, stop.exitCode(), stop.toString());
        String ps = s.exec("ps -o stat,args", 60_000L).output();
        assertTrue(ps.contains("T    sleep 5\n"), ps);
        assertTrue((stop.output() + ps).contains("[1]+  Stopped                 sleep 5\n"), "notice: " + stop.output() + ps);
        String jobs = s.exec("jobs", 60_000L).output();
        assertTrue(jobs.contains("[1]+  Stopped                 sleep 5\n"), "jobs: " + jobs);
        assertEquals("State:\tT (stopped)\n", s.exec("grep State /proc/$!/status", 60_000L).output());
        s.exec("sleep 6", 60_000L);
        assertEquals("State:\tT (stopped)\n", s.exec("grep State /proc/$!/status", 60_000L).output(),
                "a stopped sleep does not end while stopped");
        assertEquals(0, s.exec("kill -CONT %1", 60_000L).exitCode());
        String after = s.exec("true", 60_000L).output() + s.exec("true", 60_000L).output();
        assertTrue(after.contains("Done                    sleep 5"), after);
        assertFalse(s.dmesg().contains("kwait_i: woken"));
    }

    /** The state letter of task {@code pid}, as ps would show it. */
    private static char state(Session s, int pid) {
        return s.snapshot().tasks().stream().filter(t -> t.pid() == pid).findFirst().orElseThrow().state();
    }
}
