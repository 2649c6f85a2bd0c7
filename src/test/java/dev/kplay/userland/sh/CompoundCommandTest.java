package dev.kplay.userland.sh;

import dev.kplay.userland.FakeSyscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** if/while/until/for/case, { } and ( ), break/continue, $((...)) and test, with bash 5.2's messages. */
class CompoundCommandTest {
    FakeSyscalls sys;
    Shell sh;

    @BeforeEach
    void setUp() {
        sys = new FakeSyscalls();
        sh = new Shell(sys, n -> true, Map.of());
    }

    String out(String line) {
        return sh.run(line).output();
    }

    @Test
    void ifElifElse() {
        assertEquals("b\n", out("if false; then echo a; elif true; then echo b; else echo c; fi"));
        assertEquals("c\n", out("if false; then echo a; else echo c; fi"));
        assertEquals("0\n", out("if false; then echo a; fi; echo $?"));
        assertEquals("yes\n", out("if [ -d /root ]\nthen\n  echo yes\nfi"));
    }

    @Test
    void loops() {
        assertEquals("1\n2\n3\n", out("i=1; while [ $i -le 3 ]; do echo $i; i=$((i+1)); done"));
        assertEquals("0\n1\n", out("i=0; until [ $i -eq 2 ]; do echo $i; i=$((i + 1)); done"));
        assertEquals("a\nb c\n", out("for x in a 'b c'; do echo \"$x\"; done"));
        assertEquals("1\n3\n", out("for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done"));
        assertEquals("x1\n", out("for a in 1 2; do for b in x y; do echo $b$a; break 2; done; done"));
    }

    @Test
    void breakOutsideALoop() {
        Shell.Result r = sh.run("break");
        assertEquals("bash: break: only meaningful in a `for', `while', or `until' loop\n", r.output());
        assertEquals(0, r.exitCode());
    }

    @Test
    void caseGroupsAndSubshells() {
        assertEquals("ko\n", out("case hello.ko in *.c) echo c;; *.ko|*.o) echo ko;; esac"));
        assertEquals("other\n", out("x=z; case $x in a) echo a ;; *) echo other ;; esac"));
        assertEquals("a\nb\n", out("{ echo a; echo b; } | cat"));
        assertEquals("/root\n", out("(cd /proc; x=1); pwd"));
        assertEquals("/proc\n", out("{ cd /proc; }; pwd"));
    }

    @Test
    void syntaxErrorsInBashWords() {
        for (String[] c : new String[][] {{"fi", "fi"}, {"if true; then fi", "fi"}, {"if then", "then"},
                {"done", "done"}, {"( )", ")"}, {"case x in x) echo y;; esac; esac", "esac"}}) {
            Shell.Result r = sh.run(c[0]);
            assertEquals("bash: syntax error near unexpected token `" + c[1] + "'\n", r.output(), c[0]);
            assertEquals(2, r.exitCode());
        }
        assertEquals("bash: syntax error: unexpected end of file\n", out("{ echo a }"));
    }

    @Test
    void arithmetic() {
        assertEquals("1024 8 16 2 1\n", out("x=0; echo $(( 2 ** 10 )) $((010)) $((0x10)) $((x+2)) $(( 3 > 2 && 1 ))"));
        assertEquals("7\n", out("echo \"$(( (1 + 2) * 2 + 1 ))\""));
        Shell.Result r = sh.run("echo $((7/0)); echo after");
        assertEquals("bash: 7/0: division by 0 (error token is \"0\")\n", r.output());
        assertEquals(1, r.exitCode());
    }

    @Test
    void testAndBrackets() {
        assertEquals("0 1 0 0 1\n", out("[ -e /root ]; a=$?; [ -f /root ]; b=$?; test -z ''; c=$?; [ 2 -gt 1 ]; d=$?; [ ! a = a ]; echo $a $b $c $d $?"));
        assertEquals("bash: [: missing `]'\n2\n", out("[ a; echo $?"));
        assertEquals("bash: [: abc: integer expression expected\n2\n", out("[ 1 -lt abc ]; echo $?"));
        assertEquals("bash: [: 1: unary operator expected\n2\n", out("[ 1 2 ]; echo $?"));
        assertEquals("0\n", out("[ -n x -a 1 -eq 1 ]; echo $?"));
    }
}
