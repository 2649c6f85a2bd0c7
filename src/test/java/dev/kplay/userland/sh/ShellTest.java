package dev.kplay.userland.sh;

import dev.kplay.userland.FakeSyscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shell's language and bash's messages, over an in-memory kernel stand-in. */
class ShellTest {
    FakeSyscalls sys;
    Shell sh;
    long slept;

    @BeforeEach
    void setUp() {
        sys = new FakeSyscalls();
        sh = new Shell(sys, n -> {
            slept += n;
            return true;
        }, Map.of());
    }

    String out(String line) {
        return sh.run(line).output();
    }

    @Test
    void echoQuotesAndVariables() {
        assertEquals("a b   c\n", out("echo a   b '' \" c\""));
        assertEquals("a  b\n", out("x='a  b'; echo \"$x\""));
        assertEquals("a b\n", out("x='a  b'; echo $x"));
        assertEquals("$x\n", out("echo '$x'"));
        assertEquals("1\n", out("false; echo $?"));
        assertEquals("tab\there", out("echo -ne 'tab\\there'"));
        assertEquals("-x\n", out("echo -x"));
    }

    @Test
    void andOrAndSemicolons() {
        assertEquals("b\n", out("false && echo a || echo b"));
        assertEquals("a\nc\n", out("true && echo a; false || echo c"));
        assertEquals("0\n", out("! false; echo $?"));
    }

    @Test
    void commandNotFoundIs127() {
        Shell.Result r = sh.run("foo bar");
        assertEquals("bash: foo: command not found\n", r.output());
        assertEquals(127, r.exitCode());
        assertEquals("bash: ./x: No such file or directory\n", out("./x"));
    }

    @Test
    void syntaxErrors() {
        assertEquals("bash: syntax error near unexpected token `;'\n", out("; ls"));
        assertEquals("bash: syntax error near unexpected token `newline'\n", out("echo >"));
        assertEquals("bash: unexpected EOF while looking for matching `''\n", out("echo 'abc"));
        assertEquals(2, sh.run("| x").exitCode());
    }

    @Test
    void pipesAndRedirections() {
        assertEquals("2\n", out("printf=1; echo -e 'a\\nb\\nc' | grep -v b | wc -l"));
        out("echo hello > /root/f; echo world >> f");
        assertEquals("hello\nworld\n", out("cat f"));
        assertEquals("hello\n", out("head -n 1 < f"));
        assertEquals("", out("cat /nope 2>/dev/null"));
        assertEquals("cat: /nope: No such file or directory\n", out("cat /nope 2>&1 | cat"));
        assertEquals("bash: /nope/x: No such file or directory\n", out("echo x > /nope/x"));
        assertEquals("1\n", out("cat /nope 2>/dev/null; echo $?"));
    }

    @Test
    void readOnlyFileRefusesTheRedirection() {
        sys.put("/sys/module/p/name", "world\n");
        sys.modes.put("/sys/module/p/name", 0444);
        Shell.Result r = sh.run("echo xyz > /sys/module/p/name");
        assertEquals("bash: /sys/module/p/name: Permission denied\n", r.output());
        assertEquals(1, r.exitCode());
    }

    @Test
    void cdAndPwd() {
        assertEquals("/root\n", out("pwd"));
        assertEquals("/proc\n", out("cd /proc; pwd"));
        assertEquals("bash: cd: /zz: No such file or directory\n", out("cd /zz"));
        assertEquals("/root\n", out("cd; pwd"));
    }

    @Test
    void eachProgramIsAProcess() {
        sh.run("ls | wc -l");
        assertTrue(sys.calls.contains("spawn ls"));
        assertTrue(sys.calls.contains("spawn wc"));
        assertFalse(sys.calls.contains("spawn echo"), "echo is a builtin");
    }

    @Test
    void sleepUsesTheClock() {
        assertEquals(0, sh.run("sleep 1.5").exitCode());
        assertEquals(1_500_000_000L, slept);
        assertEquals("sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", out("sleep x"));
    }

    @Test
    void backgroundJobPrintsItsNumberAndPid() {
        Shell.Result r = sh.run("true &");
        assertTrue(r.output().startsWith("[1] "), r.output());
        assertEquals(out("echo $!").trim(), r.output().substring(4, r.output().indexOf('\n')));
    }

    @Test
    void globs() {
        sys.put("/root/a.ko", "x").put("/root/b.ko", "y").put("/root/c.c", "z");
        assertEquals("a.ko b.ko\n", out("echo *.ko"));
        assertEquals("*.h\n", out("echo *.h"));
        assertEquals("*.ko\n", out("echo '*.ko'"));
    }

    @Test
    void killReportsMissingProcess() {
        assertEquals("bash: kill: (4242) - No such process\n", out("kill -9 4242"));
        assertEquals("bash: kill: FOO: invalid signal specification\n", out("kill -FOO 1"));
        out("kill -INT 1");
        assertTrue(sys.calls.contains("kill 1 2"));
    }

    @Test
    void commandSubstitution() {
        assertEquals("x=/root\n", out("echo x=$(pwd)"));
        assertEquals("a b\n", out("echo $(echo a; echo b)"));
        assertEquals("a\nb\n", out("echo \"$(echo a; echo b)\""));
        assertEquals("/root\n", out("d=`cd /proc; pwd`; pwd"));
        assertEquals("hi\n", out("echo $(echo $(echo hi))"));
        assertEquals("bash: unexpected EOF while looking for matching `)'\n", out("echo $(echo"));
    }

    @Test
    void printfFormats() {
        assertEquals("a\nb\n", out("printf '%s\\n' a b"));
        assertEquals("  7|ff|x\n", out("printf '%3d|%x|%s\\n' 7 255 x"));
    }

    @Test
    void rmTouchAndModprobe() {
        out("touch /root/t");
        assertEquals("t\n", out("ls /root | cat"));
        assertEquals("", out("rm t"));
        assertEquals("rm: cannot remove 't': No such file or directory\n", out("rm t"));
        assertEquals("modprobe: FATAL: Module hello_3 not found in directory /lib/modules/6.1.0-56-amd64\n",
                out("modprobe hello-3"));
    }

    @Test
    void bashDashCAndScripts() {
        assertEquals("a\n/proc\n/root\n", out("bash -c 'echo a; cd /proc; pwd'; pwd"));
        sys.put("/root/t.sh", "echo one\necho two | wc -l\nfalse\n");
        Shell.Result r = sh.run("sh t.sh");
        assertEquals("one\n1\n", r.output());
        assertEquals(1, r.exitCode());
        assertEquals("bash: nope.sh: No such file or directory\n", out("bash nope.sh"));
    }

    @Test
    void blockedJobsAndJobControl() {
        sys.put("/dev/block", "");
        Shell.Result fg = sh.run("cat /dev/block; echo never");
        assertTrue(fg.running());
        assertEquals("", fg.output());
        // bash sits in wait4() for the blocked cat: a line typed now is type-ahead, echoed, not run
        Shell.Result ahead = sh.run("echo typed");
        assertTrue(ahead.running(), ahead.toString());
        assertEquals("echo typed\n", ahead.output());
        Shell.Result sig = sh.signalForeground(9);
        assertEquals("Killed\n", sig.output());
        assertEquals(137, sig.exitCode());
        Shell.Result bg = sh.run("cat /dev/block &");
        assertEquals("[1] " + bg.pid() + "\n", bg.output());
        assertEquals("[1]+  Running                 cat /dev/block &\n", out("jobs"));
        assertEquals("", out("kill -9 %1"));
        assertEquals("[1]+  Killed                  cat /dev/block\n", out("true"));
        assertEquals("", out("jobs"));
        assertEquals("bash: kill: %1: no such job\n", out("kill %1"));
        assertEquals(null, sh.signalForeground(2));
    }

    @Test
    void aBuiltinWhoseWriteOopsesKillsTheShellAndALoginShellTakesOver() {
        sys.put("/dev/oops", "");
        int before = sh.pid();
        Shell.Result r = sh.run("echo hi > /dev/oops; echo not reached");
        assertEquals("Killed\n", r.output());
        assertEquals(137, r.exitCode());
        assertTrue(sh.pid() != before, "a new login shell");
        Shell.Result c = sh.run("cat /dev/oops");
        assertEquals("", c.output());
        assertEquals("Killed\n", sh.run("echo x | cat > /dev/oops").output());
    }
}
