package dev.kplay.userland.sh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.userland.FakeSyscalls;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Background jobs as an interactive bash 5.2 shows them (recorded from Debian's bash on a pty):
 * '&' prints "[N] PID" and returns at once, $!, jobs, the "Done"/"Killed" notice after the line
 * that follows the job's end, kill %N, and wait, which waits out a background sleep.
 */
class JobControlTest {
    FakeSyscalls sys;
    Shell sh;

    @BeforeEach
    void setUp() {
        sys = new FakeSyscalls();
        sh = new Shell(sys, nanos -> {
            sys.now += nanos;
            return true;
        }, Map.of());
    }

    String out(String line) {
        return sh.run(line).output();
    }

    @Test
    void backgroundSleepReturnsAtOnceAndIsDoneLater() {
        String started = out("sleep 1 &");
        assertEquals(1_000_000_000L, sys.now, "the prompt did not wait for the sleep");
        int pid = Integer.parseInt(started.substring(4).trim());
        assertEquals("[1] " + pid + "\n", started);
        assertEquals(pid + "\n", out("echo $!"));
        assertEquals("[1]+  Running                 sleep 1 &\n", out("jobs"));
        sys.now += 2_000_000_000L;
        assertEquals("hi\n[1]+  Done                    sleep 1\n", out("echo hi"));
        assertEquals("", out("jobs"));
    }

    /** bash reading a script (not interactive) prints no "[1] PID" for '&': DESCRIBE_PID is for an interactive shell. */
    @Test
    void aScriptsBashNumbersTheJobSilently() {
        sh.stdinIsTerminal(false);
        assertEquals("", out("sleep 5 &"));
        String pid = out("echo $!").trim();
        assertTrue(pid.matches("\\d+"), pid);
        assertEquals("[1]+  Running                 sleep 5 &\n", out("jobs"));
        sh.stdinIsTerminal(true);
        String second = out("sleep 5 &");
        assertTrue(second.matches("\\[2\\] \\d+\n"), second);
    }

    /**
     * A script's bash reports a background job's end only if a signal other than SIGINT, SIGPIPE or
     * SIGTERM killed it, naming the line it noticed it on (bash 5.2.15 on Debian, "bash < script"):
     * "bash: line 3:  4741 Killed                  sleep 30".
     */
    @Test
    void aScriptsBashReportsOnlyAKillBySignal() {
        sh.stdinIsTerminal(false);
        out("sleep 30 &");
        out("kill $!");
        assertEquals("x\n", out("echo x"));
        out("sleep 30 &");
        String pid = out("echo $!").trim();
        assertEquals("", out("kill -9 $!"));
        assertEquals(String.format("y%nbash: line 7: %5s Killed                  sleep 30%n", pid), out("echo y"));
        out("true &");
        assertEquals("", out("echo").trim());
    }

    @Test
    void killNineEndsTheJobWithBashsNotice() {
        out("sleep 30 &");
        out("sleep 40 &");
        assertEquals("bash: kill: %3: no such job\n", out("kill %3"));
        assertEquals("", out("kill -9 %2"));
        assertEquals("x\n[2]+  Killed                  sleep 40\n", out("echo x"));
        assertEquals("[1]+  Running                 sleep 30 &\n", out("jobs"));
    }

    @Test
    void waitSleepsUntilTheJobEnds() {
        out("sleep 30 &");
        out("sleep 1 &");
        long before = sys.now;
        assertEquals("[2]+  Done                    sleep 1\nrc=0\n", out("wait %2; echo rc=$?"));
        assertEquals(before + 1_000_000_000L, sys.now);
        assertEquals("[1]+  Running                 sleep 30 &\n", out("jobs"));
        assertEquals("bash: wait: %9: no such job\n", out("wait %9"));
    }

    @Test
    void aJobThatEndsAtOnceIsReportedAtTheEndOfItsLine() {
        String o = out("true &");
        assertEquals("[1] " + o.substring(4, o.indexOf('\n')) + "\n[1]+  Done                    true\n", o);
    }

    @Test
    void aSubshellStartsItsJobInTheBackgroundAndExitsAtOnce() {
        long before = sys.now;
        // ( job & ): no job control in the subshell (no "[1] PID"), and the shell does not wait for the job
        assertEquals("", out("( sh -c 'sleep 5; echo woke' & )"));
        assertEquals(before, sys.now, "the line waited for the detached job");
        assertEquals("", out("jobs"));
        sys.now += 6_000_000_000L;
        assertEquals("woke\nnext\n", out("echo next"));
    }

    @Test
    void dollarDollarInASubshellIsTheInvokingShells() {
        String own = out("echo $$");
        assertEquals(own, out("( echo $$ )"));
        assertEquals(own, out("( ( echo $$ ) )"));
        assertTrue(!own.equals(out("sh -c 'echo $$'")), "sh -c is a new shell with a pid of its own");
    }

    @Test
    void aBackgroundSleepInsideAJobParksItAndTheJobGoesOn() {
        out("sh -c 'sleep 1; echo one; sleep 1; echo two' &");
        sys.now += 1_500_000_000L;
        assertEquals("one\n", out("true"));
        sys.now += 1_000_000_000L;
        String o = out("true");
        assertTrue(o.startsWith("two\n") && o.contains("Done"), o);
    }
}
