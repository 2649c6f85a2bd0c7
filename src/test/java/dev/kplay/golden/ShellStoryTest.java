package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * The golden replay (CaseReplay) compares the output of kernel-facing commands only, since most of
 * the oracle's user space is busybox. The cases named here were written to print nothing
 * busybox-specific: every command's output is compared, the shell's included (a detached job's
 * PPid 1, /proc/$$/status of the script shell with its voluntary context switches). Two things are
 * left out, each for a stated reason: bash's "[1] PID" for a job started with '&' (the oracle's ash
 * runs a script, without job control), and nonvoluntary_ctxt_switches (tick and wake-up preemption
 * on the oracle's emulated CPU: 5 and 14 in chardev-noowner-rmmodfd, no rule kplay could reproduce).
 */

/** Every command's output of the shell-story oracle cases, not only the kernel-facing ones. */
class ShellStoryTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chardev-noowner-rmmodfd"})
    void everyLineAsTheOraclePrintedIt(String name) {
        Session s = OracleCasesTest.newSession("story-" + name, CaseReplay.cmdline(name));
        CaseReplay.Player kplay = OracleCasesTest.player(s);
        assertTrue(kplay.build(CaseReplay.sources(name)).ok());
        OracleOutput real = OracleOutput.parse(CaseReplay.resource(name + ".out"));
        List<String> diffs = new ArrayList<>();
        for (OracleOutput.Command c : real.run()) {
            CaseReplay.Exec r = kplay.exec(c.line().replaceAll("(^|\\s)/([\\w.-]+\\.ko)", "$1$2"));
            List<String> got = Normalizer.norm(comparable(CaseReplay.lines(r.output())));
            List<String> want = Normalizer.norm(comparable(c.output()));
            if (!got.equals(want)) {
                diffs.add("'" + c.line() + "': " + got + " != real " + want);
            }
        }
        assertEquals(List.of(), diffs, name);
    }

    /**
     * The lines both shells print alike (see the file comment for the two left out); a parent pid
     * other than init's is the shell's, numbered differently on each side.
     */
    private static List<String> comparable(List<String> lines) {
        return lines.stream().filter(l -> !l.matches("\\[\\d+\\] \\d+") && !l.startsWith("nonvoluntary_ctxt_switches:"))
                .map(l -> l.matches("PPid:\\s+1") ? l : l.replaceAll("^PPid:\\s+\\d+", "PPid: N")).toList();
    }

}
