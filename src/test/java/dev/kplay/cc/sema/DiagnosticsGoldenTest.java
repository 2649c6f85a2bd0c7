package dev.kplay.cc.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    static String messages(String out) {
        return out.lines().filter(l -> l.matches("^[\\w.-]+\\.c(:\\d+:\\d+: (error|warning|note)|: (In function|At top)).*"))
            .collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"undeclared", "implicit", "pointers", "calls", "unused", "redef", "members", "returns",
        "syntax", "mixed", "format", "misc", "typedefs", "uninit", "unusedresult", "fallthrough", "unterminated", "order"})
    void messagesMatchGcc(String name) throws IOException {
        assertEquals(messages(resource(name + ".out")), messages(compile(name + ".c")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"undeclared", "implicit", "pointers", "calls", "unused", "redef", "members", "returns",
        "syntax", "mixed", "format", "misc", "typedefs", "uninit", "unusedresult", "fallthrough", "unterminated", "order"})
    void exactlyAsGcc(String name) throws IOException {
        assertEquals(resource(name + ".out"), compile(name + ".c"));
    }
}
