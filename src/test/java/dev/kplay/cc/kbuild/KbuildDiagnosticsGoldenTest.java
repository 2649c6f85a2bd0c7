package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gcc's diagnostics in a real kbuild, character for character: each cc/diag-kbuild/NAME.c was built
 * by the oracle (Debian 6.1's kbuild and gcc 12), and NAME.out holds what gcc printed for NAME.o,
 * cut verbatim from the oracle's build section (between "CC [M]  NAME.o" and kbuild's next line).
 * These are the diagnostics that go through the kernel's headers: -Wformat in pr_info() located
 * at kern_levels.h with the include chain and the macro notes. The oracle's headers are now
 * 6.1.0-57 and kplay's kernel is 6.1.0-56, so that version in header paths is the one difference
 * allowed. Cases are listed from the folder.
 */
class KbuildDiagnosticsGoldenTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(KbuildDiagnosticsGoldenTest.class.getResource("/cc/diag-kbuild").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                .map(n -> n.substring(0, n.length() - 2)).sorted().toList();
            assertFalse(names.isEmpty());
            return names.stream();
        }
    }

    static String resource(String name) throws IOException {
        try (var in = KbuildDiagnosticsGoldenTest.class.getResourceAsStream("/cc/diag-kbuild/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What kplay's gcc printed for NAME.o in a kbuild of NAME.c. */
    static String gccOutput(String name) throws IOException {
        BuildResult r = Kbuild.build(Map.of(name + ".c", resource(name + ".c")));
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String l : r.output().split("\n", -1)) {
            if (l.equals("  CC [M]  " + name + ".o")) {
                in = true;
            } else if (in && (l.matches("^  [A-Z]+ .*") || l.startsWith("make") || l.startsWith("Skipping"))) {
                break;
            } else if (in) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exactlyAsGcc(String name) throws IOException {
        String real = resource(name + ".out").replace("linux-headers-6.1.0-57-", "linux-headers-6.1.0-56-");
        assertEquals(real, gccOutput(name));
    }
}
