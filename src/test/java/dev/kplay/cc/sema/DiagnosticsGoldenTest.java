package dev.kplay.cc.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URISyntaxException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diagnostics against real gcc 12: each cc/diag/X.c has X.out, gcc's output with the kernel's
 * warning flags (-Wall -Wdeclaration-after-statement -Werror=implicit-function-declaration,
 * return-type, incompatible-pointer-types...). The message lines (file:line:col: kind: text) must
 * match exactly and in order; {@code exact} cases must match character for character.
 */
class DiagnosticsGoldenTest {
    static final Set<String> KERNEL_WERROR = Set.of("implicit-function-declaration", "implicit-int", "return-type",
        "strict-prototypes", "incompatible-pointer-types");

    static String resource(String name) throws IOException {
        try (InputStream in = DiagnosticsGoldenTest.class.getResourceAsStream("/cc/diag/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String compile(String file) throws IOException {
        String src = resource(file);
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        List<Token> tokens = new Preprocessor(Map.of(file, src), diags).preprocess(new SourceFile(file, src));
        if (tokens != null) Compiler.compile(new SourceFile(file, src), tokens, diags);
        return diags.render();
    }

    /** Every X.c of cc/diag that has its X.out, listed from the folder. */
    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(DiagnosticsGoldenTest.class.getResource("/cc/diag").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".c"))
                .map(f -> f.substring(0, f.length() - 2)).sorted().toList();
            for (String n : names) {
                assertTrue(Files.exists(dir.resolve(n + ".out")), "cc/diag/" + n + ".c has no " + n + ".out");
            }
            return names.stream();
        }
    }

    static String messages(String out) {
        return out.lines().filter(l -> l.matches("^[\\w.-]+\\.c(:\\d+:\\d+: (error|warning|note)|: (In function|At top)).*"))
            .collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void messagesMatchGcc(String name) throws IOException {
        assertEquals(messages(resource(name + ".out")), messages(compile(name + ".c")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exactlyAsGcc(String name) throws IOException {
        assertEquals(resource(name + ".out"), compile(name + ".c"));
    }
}
