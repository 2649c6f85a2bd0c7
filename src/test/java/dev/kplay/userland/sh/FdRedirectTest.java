package dev.kplay.userland.sh;

import dev.kplay.userland.FakeSyscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** exec N&lt; / N&lt;&amp;-, cmd &lt;&amp;N and the read builtin: descriptors the shell process holds. */
class FdRedirectTest {
    FakeSyscalls sys;
    Shell sh;

    @BeforeEach
    void setUp() {
        sys = new FakeSyscalls();
        sys.put("/root/f", "one\ntwo words here\nthree\n");
        sh = new Shell(sys, n -> true, Map.of());
    }

    String out(String line) {
        return sh.run(line).output();
    }

    @Test
    void execHoldsAFileAcrossCommands() {
        assertEquals("", out("exec 3< /root/f"));
        assertEquals("one\n", out("read -r line <&3; echo $line"));
        assertEquals("two|words here\n", out("read a b <&3; echo \"$a|$b\""));
        assertEquals("three\n", out("cat <&3"));
        sys.calls.clear();
        assertEquals("0\n", out("exec 3<&-; echo $?"));
        assertTrue(sys.calls.contains("close " + sh.pid() + " 3"), sys.calls.toString());
        Shell.Result r = sh.run("cat <&3; echo $?");
        assertEquals("bash: 3: Bad file descriptor\n1\n", r.output());
    }

    @Test
    void execMovesTheFileWithDup2WhenOpenGivesAnotherFd() {
        out("exec 4< /root/f");
        assertTrue(sys.calls.stream().anyMatch(c -> c.matches("dup2 " + sh.pid() + " \\d+ 4")), sys.calls.toString());
        assertEquals("one\n", out("head -n 1 <&4"));
    }

    @Test
    void execErrors() {
        assertEquals("bash: /nonexist: No such file or directory\n1\n", out("exec 3< /nonexist; echo $?"));
        assertEquals("0\n", out("exec 5<&-; echo $?"));
        assertEquals("bash: 7: Bad file descriptor\n1\n", out("read -r l <&7; echo $?"));
    }

    @Test
    void whileReadConsumesOneLinePerTurn() {
        assertEquals("<one>\n<two words here>\n<three>\n", out("while read -r l; do echo \"<$l>\"; done < /root/f"));
        assertEquals("a\n", out("printf 'a\\nb' | while read x; do echo $x; done"));
    }

    @Test
    void readOptions() {
        assertEquals("on 0\n", out("read -n 2 x < /root/f; echo $x $?"));
        assertEquals("REPLY=one\n", out("read < /root/f; echo REPLY=$REPLY"));
        Shell.Result r = sh.run("read -t; echo $?");
        assertEquals("bash: read: -t: option requires an argument\n" + Read.USAGE + "2\n", r.output());
        assertEquals("1 x\n", out("printf x | { read v; echo $? $v; }"));
    }
}
