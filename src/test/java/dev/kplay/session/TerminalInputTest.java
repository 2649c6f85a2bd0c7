package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/*
 * A user program reading the terminal: it waits in read(2) (n_tty_read) for a line the user
 * types, gets the line the canonical line discipline made of the keys (echo, erase, ^D), and a
 * Ctrl-C ends it. A pipe still feeds it without waiting. Output a program prints as time passes
 * between requests reaches the page at once, not with the next command. Each is replayed from the
 * session's log to the same bytes.
 */

/** Interactive stdin (Event.Typed) and late output (terminal listeners) of a session. */
class TerminalInputTest {
    static final String ASK = """
            #include <stdio.h>
            #include <string.h>
            #include <unistd.h>
            int main(void)
            {
            \tchar name[64];
            \tprintf("tty %d. Name? ", isatty(0));
            \tif (!fgets(name, sizeof(name), stdin)) {
            \t\tprintf("EOF\\n");
            \t\treturn 1;
            \t}
            \tname[strcspn(name, "\\n")] = 0;
            \tprintf("Hello, %s (%zu bytes)\\n", name, strlen(name));
            \treturn 0;
            }
            """;

    static final String COUNT = """
            #include <stdio.h>
            int main(void)
            {
            \tchar line[32];
            \tint n = 0;
            \twhile (fgets(line, sizeof(line), stdin))
            \t\tprintf("%d: %s", ++n, line);
            \tprintf("\\n%d lines\\n", n);
            \treturn n;
            }
            """;

    static Session session(AtomicLong wall) {
        return new Session("tty", Kbuild::build, SessionLimits.defaults().fastForward(), wall::get);
    }

    static Session built(AtomicLong wall) {
        Session s = session(wall);
        s.putFile("ask.c", ASK);
        s.putFile("count.c", COUNT);
        assertEquals(0, s.exec("gcc -o ask ask.c && gcc -o count count.c", 60_000L).exitCode());
        return s;
    }

    @Test
    void fgetsWaitsForALineTypedAtTheTerminal() {
        Session s = built(new AtomicLong());
        Shell.Result r = s.exec("./ask", 60_000L);
        assertTrue(r.running(), "the program waits in read(0): " + r);
        assertNull(r.exitCode());
        assertEquals("tty 1. Name? ", r.output(), "stdout is flushed before stdin is read");
        Shell.Result typed = s.typed("Adx\u007fa\n");
        assertEquals("Adx\b \ba\nHello, Ada (3 bytes)\n", typed.output(), "echo with ECHOE, then the program's answer");
        assertEquals(0, typed.exitCode());
        assertFalse(typed.running());
    }

    @Test
    void controlDIsEndOfFileAndLinesArriveOneAtATime() {
        Session s = built(new AtomicLong());
        assertTrue(s.exec("./count", 60_000L).running());
        assertEquals("one\n1: one\n", s.typed("one\n").output());
        Shell.Result partial = s.typed("tw\u0004");
        assertEquals("tw", partial.output(), "^D pushes the partial line without a newline and is not echoed;"
                + " fgets reads on for the rest of its line");
        assertTrue(partial.running());
        Shell.Result eof = s.typed("\u0004");
        assertEquals("2: tw\n2 lines\n", eof.output(), "^D on an empty line: read returns 0, fgets ends its line");
        assertEquals(2, eof.exitCode());
    }

    @Test
    void controlCEndsAProgramWaitingForInputAndFlushesTheLine() {
        Session s = built(new AtomicLong());
        assertTrue(s.exec("./count", 60_000L).running());
        Session.Signal sig = s.signal(2);
        assertTrue(sig.delivered());
        assertEquals(130, sig.result().exitCode());
        assertTrue(sig.result().killed());
        assertEquals("0\n", s.exec("./count < /dev/null > /dev/null; echo $? ", 60_000L).output());
    }

    @Test
    void aPipeStillFeedsTheProgramWithoutWaiting() {
        Session s = built(new AtomicLong());
        Shell.Result r = s.exec("echo Bob | ./ask", 60_000L);
        assertEquals("tty 0. Name? Hello, Bob (3 bytes)\n", r.output());
        assertEquals(0, r.exitCode());
        assertEquals("1: a\n2: b\n\n2 lines\n", s.exec("printf 'a\\nb\\n' | ./count", 60_000L).output());
    }

    @Test
    void typedLinesReplayToTheSameBytes() {
        Session s = built(new AtomicLong());
        s.exec("./count", 60_000L);
        String first = s.typed("alpha\n").output();
        String last = s.typed("\u0004").output();
        List<String> replayed = new ArrayList<>();
        Session.replay("again", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime,
                r -> {
                    if (r.event() instanceof Event.Typed && r.result() != null) {
                        replayed.add(r.result().output());
                    }
                });
        assertEquals(List.of(first, last), replayed);
        assertEquals(new Event.Typed("alpha\n"), EventCodec.read(EventCodec.write(new Event.Typed("alpha\n"))));
    }

    @Test
    void aRecordedScenarioNamesTheShellsDirectoryForThePrompt() {
        Session s = session(new AtomicLong());
        assertEquals("/root/linux", s.exec("cd linux", 60_000L).cwd());
        s.exec("cd /root", 60_000L);
        dev.kplay.scenario.Scenario recorded = new dev.kplay.scenario.ScenarioPlayer(Kbuild::build,
                SessionLimits.defaults().fastForward(), () -> 0L).record(s.events(), null, null);
        List<dev.kplay.scenario.Scenario.Step> steps = recorded.steps();
        assertEquals("/root/linux", ((dev.kplay.scenario.Scenario.Step.Exec) steps.get(0)).cwd());
        assertNull(((dev.kplay.scenario.Scenario.Step.Exec) steps.get(1)).cwd(), "/root is the default, not written");
        dev.kplay.scenario.ScenarioCodec codec = new dev.kplay.scenario.ScenarioCodec(
                dev.kplay.scenario.ScenarioCodec.Limits.defaults());
        assertEquals(recorded, codec.read(codec.write(recorded)));
        assertTrue(codec.write(recorded).contains("\"cwd\":\"/root/linux\""));
    }

    @Test
    void lateOutputReachesTheTerminalListenersAsTimePasses() {
        AtomicLong wall = new AtomicLong(1_000_000_000L);
        Session s = new Session("late", Kbuild::build, SessionLimits.defaults(), wall::get);
        s.putFile("late.c", "#include <stdio.h>\n#include <unistd.h>\nint main(void)\n{\n\tprintf(\"start\\n\");\n"
                + "\tsleep(1);\n\tprintf(\"woke up\\n\");\n\treturn 0;\n}\n");
        assertEquals(0, s.exec("gcc -o late late.c", 60_000L).exitCode());
        List<String> shown = new ArrayList<>();
        s.subscribeTerminal(shown::add);
        assertTrue(s.exec("./late &", 60_000L).output().endsWith("start\n"));
        for (int i = 0; i < 10; i++) {
            wall.addAndGet(200_000_000L);
            s.passTime();
        }
        assertEquals(List.of("woke up\n"), shown, "printed as it happened");
        Shell.Result next = s.exec("echo next", 60_000L);
        assertFalse(next.output().contains("woke up"), "not shown again with the next line: " + next.output());
        List<String> replayed = new ArrayList<>();
        Session.replay("again", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime,
                r -> {
                    if (r.event() instanceof Event.TimePassed && r.result() != null) {
                        replayed.add(r.result().output());
                    }
                });
        assertEquals(List.of("woke up\n"), replayed, "a replay shows it at the same idle step");
    }

    @Test
    void catWithNoFileEchoesEachLineAfterEnterUntilControlD() {
        Session s = session(new AtomicLong());
        Shell.Result r = s.exec("cat; echo after $?", 60_000L);
        assertTrue(r.running(), "cat reads the terminal: " + r);
        assertEquals("", r.output());
        assertEquals("hel", s.typed("hel").output(), "echoed as typed; cat has read nothing yet");
        assertEquals("lo\nhello\n", s.typed("lo\n").output(), "the tty echoes, then cat writes the line back");
        Shell.Result end = s.typed("\u0004");
        assertEquals("after 0\n", end.output(), "^D ends cat and the line goes on");
        assertEquals(0, end.exitCode());
        assertFalse(end.running());
        assertEquals("x\n", s.exec("echo x", 60_000L).output(), "the terminal is the shell's again");
    }

    @Test
    void theReadBuiltinAndWcWaitForTheTerminal() {
        Session s = session(new AtomicLong());
        assertTrue(s.exec("read a b; echo \"[$a] [$b] $?\"", 60_000L).running());
        assertEquals("one two three\n[one] [two three] 0\n", s.typed("one two three\n").output());
        assertTrue(s.exec("wc -l", 60_000L).running());
        assertEquals("a\n", s.typed("a\n").output(), "wc prints only at end of file");
        assertEquals("b\n", s.typed("b\n").output());
        Shell.Result eof = s.typed("\u0004");
        assertEquals("2\n", eof.output());
        assertEquals(0, eof.exitCode());
        assertTrue(s.exec("read x", 60_000L).running());
        Shell.Result none = s.typed("\u0004");
        assertEquals(1, none.exitCode(), "^D on an empty line: read sees end of file");
        assertEquals("a b\n", s.exec("echo a b | (read x y; echo $x $y)", 60_000L).output(), "a pipe is not the tty");
    }

    @Test
    void controlCEndsCatOrReadWaitingForTheTerminal() {
        Session s = session(new AtomicLong());
        assertTrue(s.exec("cat; echo not reached", 60_000L).running());
        assertEquals("par", s.typed("par").output());
        Session.Signal sig = s.signal(2);
        assertTrue(sig.delivered());
        assertEquals(130, sig.result().exitCode());
        assertTrue(sig.result().killed());
        assertFalse(sig.result().output().contains("not reached"), "^C abandons the rest of the line");
        assertEquals("130\n", s.exec("echo $?", 60_000L).output());
        assertTrue(s.exec("read x; echo not reached", 60_000L).running());
        Session.Signal r = s.signal(2);
        assertEquals(130, r.result().exitCode());
        assertEquals("", r.result().output());
        assertTrue(s.exec("cat", 60_000L).running());
        assertEquals("fresh\nfresh\n", s.typed("fresh\n").output(), "the flushed partial line is gone");
        assertEquals(0, s.typed("\u0004").exitCode());
    }

    @Test
    void kplaysCommandsReplayToTheSameBytes() {
        Session s = session(new AtomicLong());
        s.exec("cat -n", 60_000L);
        List<String> live = List.of(s.typed("alpha\n").output(), s.typed("\u0004").output());
        List<String> replayed = new ArrayList<>();
        Session.replay("again", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime,
                r -> {
                    if (r.event() instanceof Event.Typed && r.result() != null) {
                        replayed.add(r.result().output());
                    }
                });
        assertEquals(List.of("alpha\n     1\talpha\n", ""), live);
        assertEquals(live, replayed);
    }

    static final String SLOW = "#include <stdio.h>\n#include <unistd.h>\nint main(void)\n{\n\tchar l[32];\n"
            + "\tprintf(\"start\\n\");\n\tsleep(1);\n\tif (fgets(l, sizeof(l), stdin))\n\t\tprintf(\"got %s\", l);\n"
            + "\tprintf(\"done\\n\");\n\treturn 0;\n}\n";

    /** A session with a clock the test moves, the foreground ./slow sleeping a second before it reads. */
    static Session sleeping(AtomicLong wall, List<String> shown) {
        Session s = new Session("ahead", Kbuild::build, SessionLimits.defaults(), wall::get);
        s.putFile("slow.c", SLOW);
        assertEquals(0, s.exec("gcc -o slow slow.c", 60_000L).exitCode());
        s.subscribeTerminal(shown::add);
        Shell.Result r = s.exec("./slow", 60_000L);
        assertTrue(r.running(), "./slow sleeps in the foreground: " + r);
        assertEquals("start\n", r.output());
        return s;
    }

    static void passASecond(AtomicLong wall, Session s) {
        for (int i = 0; i < 10; i++) {
            wall.addAndGet(200_000_000L);
            s.passTime();
        }
    }

    @Test
    void aLineTypedBeforeTheProgramReadsWaitsInTheTtyForIt() {
        AtomicLong wall = new AtomicLong(1_000_000_000L);
        List<String> shown = new ArrayList<>();
        Session s = sleeping(wall, shown);
        Shell.Result typed = s.typed("early\n");
        assertTrue(typed.output().startsWith("early\n"), "echoed when typed, while the program sleeps");
        passASecond(wall, s);
        assertEquals("early\ngot early\ndone\n", typed.output() + String.join("", shown),
                "fgets reads the queued line after its sleep");
        assertEquals("0\n", s.exec("echo $?", 60_000L).output());
    }

    @Test
    void linesLeftWhenTheJobEndsAreBashsNextCommands() {
        AtomicLong wall = new AtomicLong(1_000_000_000L);
        List<String> shown = new ArrayList<>();
        Session s = sleeping(wall, shown);
        String typed = s.typed("one\necho two\ncd linux\n").output();
        assertTrue(typed.startsWith("one\necho two\ncd linux\n"), "echoed when typed: " + typed);
        passASecond(wall, s);
        assertEquals("one\necho two\ncd linux\ngot one\ndone\nroot@kplay:~# echo two\ntwo\nroot@kplay:~# cd linux\n",
                typed + String.join("", shown),
                "the program took one line; bash reads the rest after its prompt, as readline shows them");
        Shell.Result pwd = s.exec("pwd", 60_000L);
        assertEquals("/root/linux\n", pwd.output());
        assertTrue(s.exec("read x; cat", 60_000L).running());
        Shell.Result more = s.typed("a\nb\n\u0004echo c\n");
        assertEquals("a\nb\necho c\nb\nroot@kplay:~/linux# echo c\nc\n", more.output(),
                "read takes a, cat b and the end of file, bash the last line");
        assertEquals(0, more.exitCode());
    }
}
