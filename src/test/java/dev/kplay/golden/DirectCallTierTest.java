package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.session.Session;
import dev.kplay.userland.sh.Shell;
import dev.kplay.vm.Tier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls between compiled functions (direct calls: the callee pushes its own frame from arguments
 * in JVM registers) against the interpreter, on the modules of src/test/resources/tier: recursion
 * that ends on the stack guard page, a fault deep in a chain of compiled frames, code that reads
 * the return addresses and parameters calls leave in the frames and writes into its caller's
 * frame, loads and stores through the pages compiled code keeps (a store that gives a zero page
 * its own frame), natives that print the call trace or sleep at the bottom of chains of lazy frames
 * (frames without a KernelStack entry yet). Each module is insmod'ed with the tier forced off and forced on; the output, dmesg (the
 * oops with its RIP and call trace included) and the virtual uptime must be identical, and dmesg
 * must show what the module's "expect:" line says.
 */
class DirectCallTierTest {
    private static final Pattern EXPECT = Pattern.compile("\\* expect: (.+)");

    static Stream<String> modules() throws IOException, URISyntaxException {
        Path dir = Path.of(DirectCallTierTest.class.getResource("/tier").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".c")).sorted().toList().stream();
        }
    }

    @AfterAll
    static void restore() {
        Tier.setMode(Tier.Mode.AUTO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void bothTiersShowTheSame(String file) throws IOException, URISyntaxException {
        String source = Files.readString(Path.of(DirectCallTierTest.class.getResource("/tier/" + file).toURI()));
        Matcher m = EXPECT.matcher(source);
        assertTrue(m.find(), file + " has no expect: line");
        String interpreted = transcript(file, source, Tier.Mode.INTERPRET);
        String compiled = transcript(file, source, Tier.Mode.COMPILE);
        assertTrue(Tier.cached() > 0, file + ": nothing was compiled");
        assertTrue(interpreted.contains(m.group(1).trim()), file + ": dmesg lacks '" + m.group(1).trim() + "':\n" + interpreted);
        assertEquals(interpreted, compiled, file + ": the tiers differ");
    }

    private static String transcript(String file, String source, Tier.Mode mode) {
        Tier.setMode(mode);
        Tier.clearCache();
        Session s = OracleCasesTest.newSession("direct-" + file);
        try {
            s.putFile(file, source);
            StringBuilder out = new StringBuilder();
            out.append("build ").append(s.build().ok()).append('\n').append(s.build().output()).append('\n');
            String ko = file.replace(".c", ".ko");
            Shell.Result r = s.exec("insmod " + ko, 60_000L);
            out.append("$ insmod [").append(r.exitCode()).append("] uptime ").append(s.snapshot().uptimeNanos())
                    .append(" ns\n").append(r.output()).append("dmesg\n").append(s.dmesg());
            return out.toString();
        } finally {
            s.close();
        }
    }
}
