package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.session.Session;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user-space golden cases (src/test/resources/golden-user): a user program NAME.c built with
 * the host's gcc and run on the real Debian 6.1 kernel by the oracle (ORACLE_PROGRAMS=NAME.c, plus
 * the modules a "# oracle-src:" line names), replayed in a kplay session: the modules built by
 * kbuild, the program by `gcc -o NAME NAME.c` in the terminal, then every script line. A program's
 * output is compared in full (normalised as the compare tool does, and the bracketed mapping of
 * print_vma_addr, whose layout differs between a static binary and kplay's PIE), with its exit
 * status; the kernel log must hold the real lines in order and nothing more.
 */
class UserCasesTest {
    static String resource(String name) {
        try (InputStream in = UserCasesTest.class.getResourceAsStream(
                "/" + Path.of("golden-user").resolve(name).normalize().toString().replace('\\', '/'))) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every case of the folder: each NAME.script with its NAME.c and NAME.out. */
    static Stream<String> cases() throws Exception {
        Path dir = Path.of(UserCasesTest.class.getResource("/golden-user").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".script"))
                    .map(n -> n.substring(0, n.length() - ".script".length())).sorted().toList().stream();
        }
    }

    /**
     * Whether a command's output is compared: a user program's (in full), echo's, and the
     * kernel-facing tools' as the module cases compare them; not a background start (busybox's
     * non-interactive sh prints no job line, bash does) nor ps (the oracle's busybox lists its
     * own kernel threads).
     */
    static boolean compared(String line) {
        if (line.trim().endsWith("&") || line.startsWith("ps")) {
            return false;
        }
        return line.contains("./") || line.startsWith("echo") || Stream.of("insmod", "rmmod", "lsmod", "modinfo",
                "cat /proc", "cat /sys", "dmesg", "grep State", "uname").anyMatch(line::startsWith);
    }

    static String norm(String line) {
        return Normalizer.norm(line.replaceAll("\\[[0-9a-f]+\\+[0-9a-f]+\\]", "[MAP]"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesTheRealKernel(String name) {
        OracleOutput real = OracleOutput.parse(resource(name + ".out"));
        Session s = OracleCasesTest.newSession("user-" + name);
        String script = resource(name + ".script");
        Matcher m = Pattern.compile("(?m)^# oracle-src:\\s*(.+)$").matcher(script);
        List<String> diffs = new ArrayList<>();
        if (m.find()) {
            for (String src : m.group(1).trim().split("\\s+")) {
                s.putFile(src.substring(src.lastIndexOf('/') + 1), resource(src));
            }
            BuildResult b = s.build();
            assertTrue(b.ok(), b.output());
        }
        s.putFile(name + ".c", resource(name + ".c"));
        Shell.Result gcc = s.exec("gcc -o " + name + " " + name + ".c", 60_000L);
        List<String> realBuild = real.build().stream().filter(l -> l.contains(name + ".c")).map(UserCasesTest::norm).toList();
        List<String> gotBuild = CaseReplay.lines(gcc.output()).stream().map(UserCasesTest::norm).toList();
        if (!realBuild.equals(gotBuild)) {
            diffs.add("gcc: " + gotBuild + " != real " + realBuild);
        }
        for (OracleOutput.Command c : real.run()) {
            String cmd = c.line().replaceAll("(^|\\s)/([\\w.-]+\\.ko)", "$1$2");
            Shell.Result r = s.exec(cmd, 60_000L);
            if (r.exitCode() == null || r.exitCode() != c.exit()) {
                diffs.add("'" + c.line() + "': exit " + r.exitCode() + ", real " + c.exit());
            }
            List<String> e = c.output().stream().map(UserCasesTest::norm).toList();
            List<String> g = CaseReplay.lines(r.output()).stream().map(UserCasesTest::norm).toList();
            if (compared(c.line()) && !e.equals(g)) {
                diffs.add("'" + c.line() + "': output " + g + " != real " + e);
            }
        }
        List<String> kd = List.of(s.dmesg().split("\n")).stream().map(UserCasesTest::norm).toList();
        List<String> rd = OracleOutput.postBoot(real.dmesg()).stream().map(UserCasesTest::norm).toList();
        String miss = Normalizer.firstMissingInOrder(rd, kd);
        if (miss != null) {
            diffs.add("dmesg lacks (in order): " + miss);
        }
        OracleOutput.postBoot(List.of(s.dmesg().split("\n"))).stream().map(UserCasesTest::norm)
                .filter(l -> !rd.contains(l)).findFirst().ifPresent(l -> diffs.add("dmesg has extra: " + l));
        assertEquals(List.of(), diffs, name);
    }
}
