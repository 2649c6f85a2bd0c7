package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kplay.ko.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "=== build" section of each oracle case, reproduced byte for byte. */
class KbuildGoldenTest {
    static String resource(String name) throws IOException {
        try (InputStream in = KbuildGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String buildSection(String out) {
        int start = out.indexOf("=== build\n") + "=== build\n".length();
        int end = out.indexOf("=== run", start);
        return end < 0 ? out.substring(start) : out.substring(start, end);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-3", "nolicense", "undefined", "syntaxerr", "hello-levels", "params", "procfile",
        "proprietary", "init-enomem", "nullderef", "twice", "dstate"})
    void buildOutputMatchesTheOracle(String name) throws IOException {
        BuildResult r = Kbuild.build(Map.of(name + ".c", resource(name + ".c")));
        assertEquals(buildSection(resource(name + ".out")), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-3", "hello-levels", "params", "nolicense"})
    void buildIsDeterministic(String name) throws IOException {
        Map<String, String> files = Map.of(name + ".c", resource(name + ".c"));
        BuildResult a = Kbuild.build(files);
        BuildResult b = Kbuild.build(files);
        assertEquals(a.output(), b.output());
        ModuleImage x = a.artifacts().get(name + ".ko");
        ModuleImage y = b.artifacts().get(name + ".ko");
        if (x == null) return;
        assertEquals(x.modinfo(), y.modinfo());
        assertEquals(x.symbols(), y.symbols());
        for (int i = 0; i < x.sections().size(); i++) {
            assertEquals(x.sections().get(i).name(), y.sections().get(i).name());
            assertEquals(java.util.Arrays.toString(x.sections().get(i).bytes()),
                java.util.Arrays.toString(y.sections().get(i).bytes()));
        }
    }
}
