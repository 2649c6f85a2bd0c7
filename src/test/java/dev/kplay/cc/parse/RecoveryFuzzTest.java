package dev.kplay.cc.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.ko.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken programs never crash the compiler: each source is mutated many times (a token deleted,
 * duplicated or swapped with another, deterministic seed), and every result must be either an
 * image or gcc-style errors, never an exception or an "internal compiler error".
 */
class RecoveryFuzzTest {
    static String resource(String path) throws IOException {
        try (InputStream in = RecoveryFuzzTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arith", "control", "pointer", "struct", "init", "function", "gnu", "kernelish"})
    void mutatedProgramsGetDiagnostics(String name) throws IOException {
        String src = resource("/cc/semantics/" + name + ".c");
        String prelude = resource("/cc/semantics/prelude.h");
        List<Token> toks = Lexer.tokenize(new SourceFile("x.c", src), new Diagnostics());
        Random rnd = new Random(name.hashCode() + 13);
        for (int round = 0; round < 80; round++) {
            String mutated = mutate(src, toks, rnd);
            Diagnostics diags = new Diagnostics(Set.of("implicit-function-declaration", "return-type"));
            SourceFile sf = new SourceFile(name + ".c", mutated);
            List<Token> tokens = new Preprocessor(Map.of(name + ".c", mutated, "prelude.h", prelude), diags).preprocess(sf);
            if (tokens == null || diags.hasErrors()) continue;
            ModuleImage img = Compiler.compile(sf, tokens, diags);
            String out = diags.render();
            assertFalse(out.contains("internal compiler error"), mutated + "\n" + out);
            assertTrue(img != null || diags.hasErrors(), mutated);
        }
    }

    private static String mutate(String src, List<Token> toks, Random rnd) {
        List<Token> real = new ArrayList<>();
        for (Token t : toks) if (t.kind() != TokenKind.EOF) real.add(t);
        Token t = real.get(rnd.nextInt(real.size()));
        int s = t.span().start(), e = t.span().end();
        return switch (rnd.nextInt(3)) {
            case 0 -> src.substring(0, s) + src.substring(e);
            case 1 -> src.substring(0, e) + " " + src.substring(s, e) + src.substring(e);
            default -> {
                Token u = real.get(rnd.nextInt(real.size()));
                yield src.substring(0, s) + u.text() + src.substring(e);
            }
        };
    }

    private static final class Set {
        static java.util.Set<String> of(String... s) { return java.util.Set.of(s); }
    }
}
