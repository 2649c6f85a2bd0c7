package dev.kplay.cc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.ko.ModuleImage;
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
 * The C-semantics suite (every file in src/test/resources/cc/semantics) run with the compiling tier
 * forced off and forced on: the same result, the same output and the same instruction count.
 */
class SemanticsTierTest {

    static Stream<String> files() throws IOException, URISyntaxException {
        Path dir = Path.of(SemanticsTierTest.class.getResource("/cc/semantics").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".c")).sorted().toList().stream();
        }
    }

    @AfterAll
    static void restore() {
        Tier.setMode(Tier.Mode.AUTO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void bothTiersAgree(String file) throws IOException {
        String interpreted = run(file, Tier.Mode.INTERPRET);
        String compiled = run(file, Tier.Mode.COMPILE);
        assertTrue(Tier.cached() > 0, file + ": nothing was compiled");
        assertEquals(interpreted, compiled, file + ": the tiers differ");
    }

    /** A budget that runs out every few hundred instructions stops both tiers at the same instruction every time. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void budgetsEndOnTheSameInstruction(String file) throws IOException {
        String interpreted = machine(file, Tier.Mode.INTERPRET).sliced("test", 397);
        String compiled = machine(file, Tier.Mode.COMPILE).sliced("test", 397);
        assertEquals(interpreted, compiled, file + ": the tiers stop at different places");
    }

    private static String run(String file, Tier.Mode mode) throws IOException {
        TestMachine m = machine(file, mode);
        long result = m.call("test");
        return "result " + result + " after " + m.instructions + " instructions\n" + m.out;
    }

    private static TestMachine machine(String file, Tier.Mode mode) throws IOException {
        Tier.setMode(mode);
        Tier.clearCache();
        String src = SemanticsTest.resource(file);
        Diagnostics diags = new Diagnostics();
        Preprocessor pp = new Preprocessor(Map.of(file, src, "prelude.h", SemanticsTest.resource("prelude.h")), diags);
        List<Token> tokens = pp.preprocess(new SourceFile(file, src));
        ModuleImage img = tokens == null || diags.hasErrors() ? null : Compiler.compile(new SourceFile(file, src), tokens, diags);
        if (img == null) throw new AssertionError(diags.render());
        return new TestMachine(img);
    }
}
