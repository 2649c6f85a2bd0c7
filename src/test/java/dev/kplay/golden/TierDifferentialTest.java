package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.vm.Tier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiling tier changes nothing a user can see: every golden scenario (each NAME.script in
 * src/test/resources/golden) replayed with the tier forced off and forced on gives byte-identical
 * build output, command output, exit codes, dmesg, and the virtual uptime after each command (to the
 * nanosecond, that is to the instruction: each instruction costs one virtual nanosecond).
 */
class TierDifferentialTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(TierDifferentialTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".script"))
                    .map(f -> f.substring(0, f.length() - ".script".length())).sorted().toList().stream();
        }
    }

    @AfterAll
    static void restore() {
        Tier.setMode(Tier.Mode.AUTO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothTiersPrintTheSame(String name) {
        String interpreted = transcript(name, Tier.Mode.INTERPRET);
        String compiled = transcript(name, Tier.Mode.COMPILE);
        assertEquals(interpreted, compiled, name + ": the tiers differ");
        if (interpreted.contains("\nran module code\n")) {
            assertTrue(Tier.cached() > 0, name + ": nothing was compiled");
        }
    }

    /** Everything the replay of the case shows, with the tier in the given mode. */
    private static String transcript(String name, Tier.Mode mode) {
        Tier.setMode(mode);
        Tier.clearCache();
        StringBuilder out = new StringBuilder();
        var session = OracleCasesTest.newSession("tier-" + name);
        CaseReplay.Player inner = OracleCasesTest.player(session);
        CaseReplay.replay(name, new CaseReplay.Player() {
            @Override
            public CaseReplay.Build build(Map<String, String> files) {
                CaseReplay.Build b = inner.build(files);
                out.append("build ").append(b.ok()).append('\n').append(b.output()).append('\n');
                return b;
            }

            @Override
            public CaseReplay.Exec exec(String command) {
                CaseReplay.Exec e = inner.exec(command);
                out.append("$ ").append(command).append(" [").append(e.exitCode()).append("] uptime ")
                        .append(session.snapshot().uptimeNanos()).append(" ns\n").append(e.output());
                if (command.startsWith("insmod") || command.startsWith("rmmod")) {
                    out.append("\nran module code\n");
                }
                return e;
            }

            @Override
            public String dmesg() {
                String d = inner.dmesg();
                out.append("dmesg\n").append(d);
                return d;
            }

            @Override
            public void idle(long nanos) {
                inner.idle(nanos);
                out.append("idle ").append(nanos).append(" ns\n");
            }

            @Override
            public long uptimeNanos() {
                return inner.uptimeNanos();
            }
        });
        return out.append(List.of()).toString();
    }
}
