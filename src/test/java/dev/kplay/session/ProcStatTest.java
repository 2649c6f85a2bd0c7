package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /proc/PID/stat as procps' ps reads it: the 52 fields of do_task_stat(), the login shell's session
 * and terminal, bash's job control (a process group per job, the terminal's foreground group), and
 * the STAT letters ps derives from them: "Ss" for the login bash, "R+" for ps in front, no '+' for a
 * background job, "I<" for a highpri kworker, "SN" for ksmd.
 */
class ProcStatTest {
    static Session session(boolean script) {
        Session s = new Session("procstat", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime,
                dev.kplay.kernel.mm.PageBudget.unlimited(), null);
        if (script) {
            s.runAsScript();
        }
        return s;
    }

    static String run(Session s, String line) {
        Shell.Result r = s.exec(line, 60_000L);
        return r.output();
    }

    static List<String> fields(String stat) {
        String rest = stat.substring(stat.lastIndexOf(')') + 2).trim();
        return Arrays.asList(rest.split(" "));
    }

    @Test
    void theLoginShellLeadsItsSessionOnPts0() {
        Session s = session(false);
        String bash = run(s, "cat /proc/$$/stat");
        List<String> f = fields(bash);
        assertEquals(50, f.size(), bash);                     // + pid and comm: 52
        int pid = Integer.parseInt(bash.substring(0, bash.indexOf(' ')));
        assertEquals("S", f.get(0));
        assertEquals(List.of(String.valueOf(pid), String.valueOf(pid), "34816"), f.subList(2, 5), bash);
        int tpgid = Integer.parseInt(f.get(5));
        assertTrue(tpgid != pid, "cat is the terminal's foreground job, not bash: " + bash);
        assertEquals("18446744073709551615", f.get(22), "rsslim");
    }

    @Test
    void psDerivesStatFromTheStatFields() {
        Session s = session(false);
        run(s, "sleep 30 &");
        String ps = run(s, "ps -e -o pid,stat,args");
        assertTrue(ps.contains(" Ss   -bash\n"), ps);
        assertTrue(ps.contains(" S    sleep 30\n"), ps);
        assertTrue(ps.contains(" R+   ps -e -o pid,stat,args\n"), ps);
        assertTrue(ps.contains(" I<   [kworker/0:0H-events_highpri]\n"), ps);
        assertTrue(ps.contains(" SN   [ksmd]\n"), ps);
        assertTrue(ps.contains("      1 S    /init\n"), ps);
        String own = run(s, "ps");
        assertTrue(own.contains("sleep") && own.contains("bash") && !own.contains("kthreadd"), own);
    }

    @Test
    void aScriptsBashHasNoJobControl() {
        Session s = session(true);
        assertEquals("", run(s, "sleep 30 &"));
        String ps = run(s, "ps -o pid,pgid,stat,args");
        assertTrue(ps.contains(" S+   sleep 30\n"), "the job stays in bash's group, which is in front: " + ps);
        assertTrue(ps.contains(" Ss+  -bash\n"), ps);
    }

    @Test
    void aStoppedTaskShowsItsStopSignalUntilContinued() {
        Session s = session(true);
        run(s, "sleep 30 &");
        run(s, "kill -STOP $!");
        List<String> f = fields(run(s, "cat /proc/$!/stat"));
        assertEquals("T", f.get(0));
        assertEquals("19", f.get(49));
        run(s, "kill -CONT $!");
        f = fields(run(s, "cat /proc/$!/stat"));
        assertEquals("S", f.get(0));
        assertEquals("0", f.get(49));
    }

    /** coreutils' nice and util-linux 2.38's renice, as they print on Debian 12; ps marks the nice values. */
    @Test
    void niceAndReniceSetTheNiceValue() {
        Session s = session(false);
        assertEquals("0\n", run(s, "nice"));
        assertEquals("5\n", run(s, "nice -n 5 nice"));
        run(s, "nice -n 7 sleep 30 &");
        List<String> f = fields(run(s, "cat /proc/$!/stat"));
        assertEquals(List.of("27", "7"), f.subList(15, 17));
        String pid = run(s, "echo $!").trim();
        assertEquals(pid + " (process ID) old priority 7, new priority -5\n", run(s, "renice -n -5 -p $!"));
        assertTrue(run(s, "ps -o pid,stat,ni,args").contains(" S<    -5 sleep 30\n"));
        assertEquals("renice: failed to get priority for 999999 (process ID): No such process\n",
                run(s, "renice -n 1 -p 999999"));
        assertEquals("nice: 'nosuch': No such file or directory\n", run(s, "nice nosuch"));
    }

    /** /proc/self is the reader's own /proc/PID (proc_self_get_link), resolved for each caller. */
    @Test
    void procSelfIsTheReader() {
        Session s = session(false);
        String stat = run(s, "cat /proc/self/stat");
        assertTrue(stat.matches("\\d+ \\(cat\\) R .*\n"), stat);
        assertEquals("State:\tR (running)\n", run(s, "grep State /proc/self/status"));
        String bash = run(s, "echo $$").trim();
        String link = run(s, "readlink /proc/self").trim();
        assertTrue(Integer.parseInt(link) > Integer.parseInt(bash), "readlink's own pid: " + link);
        assertTrue(run(s, "ls -l /proc/self").matches("lrwxrwxrwx 1 root root 0 .* /proc/self -> \\d+\n"));
        assertTrue(run(s, "ls /proc/self/").contains("status"));
    }

    /**
     * CPU time: insmod of a module whose init busy-waits (mdelay(30) + udelay(500)) spends it as
     * system time; bash reaps insmod and adds it to its cstime (wait_task_zombie()).
     */
    @Test
    void aReapedChildsSystemTimeIsTheShellsCstime() throws Exception {
        Session s = session(true);
        try (var in = ProcStatTest.class.getResourceAsStream("/golden/sleepy.c")) {
            s.putFile("sleepy.c", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(s.build().ok());
        List<String> before = fields(run(s, "cat /proc/$$/stat"));
        assertEquals("0", before.get(14), "cstime before");
        run(s, "insmod sleepy.ko");
        List<String> after = fields(run(s, "cat /proc/$$/stat"));
        assertTrue(Integer.parseInt(after.get(14)) >= 3, "cstime after mdelay(30): " + after);
        assertEquals("0", after.get(11), "bash's own stime: its work is its children's");
    }
}
