package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The golden tests: each real-kernel case (the Episode I issue's, plus params, LKMPG hello-5 and a
 * list/kmalloc module run on the oracle), replayed against a kplay session
 * (build, then every script line through the shell, then dmesg) must reproduce what Debian 6.1 printed.
 */
class OracleCasesTest {

    /** A fresh session on kplay's own toolchain, fast-forwarding idle time. */
    static Session newSession(String id) {
        return newSession(id, null);
    }

    /**
     * A fresh session whose kernel boots with {@code cmdline} appended to its command line, running
     * commands as the oracle runs its script: stdin at end of file, not a terminal.
     */
    static Session newSession(String id, String cmdline) {
        Session s = new Session(id, Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime,
                dev.kplay.kernel.mm.PageBudget.unlimited(), cmdline);
        s.runAsScript();
        return s;
    }

    static CaseReplay.Player player(Session s) {
        return new CaseReplay.Player() {
            @Override
            public CaseReplay.Build build(Map<String, String> files) {
                files.forEach(s::putFile);
                BuildResult r = s.build();
                return new CaseReplay.Build(r.ok(), r.output());
            }

            @Override
            public CaseReplay.Exec exec(String command) {
                try {
                    Shell.Result r = s.exec(command, 60_000L);
                    return new CaseReplay.Exec(r.exitCode(), r.output());
                } catch (SessionException refused) {
                    return new CaseReplay.Exec(null, "");   // the kernel panicked: nothing runs
                }
            }

            @Override
            public String dmesg() {
                return s.dmesg();
            }

            @Override
            public void idle(long nanos) {
                s.idle(nanos);
            }

            @Override
            public long uptimeNanos() {
                return s.snapshot().uptimeNanos();
            }
        };
    }

    /** Every case in the golden folder: each NAME.script with its NAME.out (none named here, none skipped). */
    static Stream<String> cases() throws Exception {
        Path dir = Path.of(OracleCasesTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".script"))
                    .map(n -> n.substring(0, n.length() - ".script".length()))
                    .filter(n -> Files.exists(dir.resolve(n + ".out"))).sorted().toList();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheRealKernel(String name) {
        List<String> diffs = CaseReplay.replay(name, player(newSession("golden-" + name, CaseReplay.cmdline(name))));
        assertEquals(List.of(), diffs, name + " differs from Debian 6.1");
    }

    /** Reboot gives a fresh kernel in which the same steps give byte-identical output. */
    @Test
    void theStoryIsByteIdenticalAfterReboot() {
        Session s = newSession("golden-reboot");
        s.putFile("hello-3.c", CaseReplay.resource("hello-3.c"));
        String first = story(s);
        s.reboot();
        String second = story(s);
        assertTrue(first.contains("Killed") && first.contains("BUG: unable to handle page fault"), first);
        assertEquals(first, second);
        assertEquals(story(newSession("golden-other")), first.replace("golden-reboot", "golden-other"));
    }

    /** oops_enter() turns lock debugging off silently: a later proprietary taint does not announce it. */
    @Test
    void anOopsLeavesNoLockDebuggingToDisable() {
        Session s = newSession("golden-lockdep");
        CaseReplay.sources("oopsthenprop").forEach(s::putFile);
        assertTrue(s.build().ok());
        s.exec("insmod nullderef.ko", 60_000L);
        s.exec("insmod proprietary.ko", 60_000L);
        assertTrue(s.dmesg().contains("module license 'Proprietary' taints kernel."), s.dmesg());
        assertTrue(!s.dmesg().contains("Disabling lock debugging"), s.dmesg());
    }

    private static String story(Session s) {
        if (!s.fileNames().contains("hello-3.c")) {
            s.putFile("hello-3.c", CaseReplay.resource("hello-3.c"));
        }
        StringBuilder out = new StringBuilder(s.build().output());
        for (String cmd : List.of("insmod hello-3.ko", "rmmod hello_3", "rmmod hello_3", "lsmod",
                "cat /proc/sys/kernel/tainted")) {
            Shell.Result r = s.exec(cmd, 60_000L);
            out.append("$ ").append(cmd).append('\n').append(r.output()).append("[exit ").append(r.exitCode())
               .append("]\n");
        }
        return out.append(s.dmesg()).toString();
    }
}
