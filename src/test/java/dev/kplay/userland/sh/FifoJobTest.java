package dev.kplay.userland.sh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named pipes and the background jobs that wait on them, on a real kernel: a job whose task
 * sleeps in fifo_open() stops there and goes on, where it stopped, once a writer came; "sh -c"
 * has its own $$ and execs its last command; exit in it ends the script with its status.
 */
class FifoJobTest {
    Session s;

    @BeforeEach
    void boot() {
        s = new Session("fifo", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
    }

    @AfterEach
    void close() {
        s.close();
    }

    String out(String line) {
        return s.exec(line, 10_000L).output();
    }

    @Test
    void aReaderWaitsForItsWriterAndGoesOn() {
        assertEquals("", out("mkfifo /run/go"));
        assertTrue(out("ls -l /run").contains("prw-r--r-- 1 root root 0 "), "a fifo lists as p");
        String started = out("sh -c 'read x < /run/go; echo got $x' &");
        int pid = Integer.parseInt(started.substring(4).trim());
        assertEquals("State:\tS (sleeping)\n", out("grep State /proc/" + pid + "/status"), "asleep in fifo_open()");
        assertEquals("[1]+  Running                 sh -c 'read x < /run/go; echo got $x' &\n", out("jobs"));
        assertEquals("got go\n", out("echo go > /run/go"));
        assertEquals("[1]+  Done                    sh -c 'read x < /run/go; echo got $x'\n", out("jobs"));
    }

    @Test
    void aKilledReaderLeavesTheFifo() {
        out("mkfifo /run/p");
        out("cat /run/p &");
        assertEquals("", out("kill -9 $!"));
        assertTrue(out("echo x").contains("Killed"), "the job's end is reported");
        // no reader is left: a writer would now wait in fifo_open() (the command stays blocked)
        assertNull(s.exec("echo late > /run/p", 2_000L).exitCode());
    }

    @Test
    void shDashCIsAProcessOfItsOwn() {
        String r = out("sh -c 'echo $$; exit 3'; echo rc=$?");
        String[] lines = r.split("\n");
        assertTrue(Integer.parseInt(lines[0]) != Integer.parseInt(out("echo $$").trim()), "$$ is the sh process");
        assertEquals("rc=3", lines[1]);
        // the last command replaces the shell: ps shows the program under the sh process's pid
        assertTrue(out("sh -c 'ps -o pid,args'").contains(" ps -o pid,args"), "exec'd, no sh line: " + out("sh -c 'ps -o pid,args'"));
    }
}
