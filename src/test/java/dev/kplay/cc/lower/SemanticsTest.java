package dev.kplay.cc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.ko.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C-semantics suite, one file per language feature in chibicc's style: each file's
 * {@code test()} runs {@code ASSERT(expected, expr)} lines; compiled by the real toolchain and run
 * on the real CPU through {@link TestMachine}.
 */
class SemanticsTest {
    static String resource(String name) throws IOException {
        try (InputStream in = SemanticsTest.class.getResourceAsStream("/cc/semantics/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arith", "control", "pointer", "struct", "init", "function", "gnu", "string", "kernelish"})
    void runs(String name) throws IOException {
        String file = name + ".c";
        String src = resource(file);
        Diagnostics diags = new Diagnostics();
        Preprocessor pp = new Preprocessor(Map.of(file, src, "prelude.h", resource("prelude.h")), diags);
        List<Token> tokens = pp.preprocess(new SourceFile(file, src));
        ModuleImage img = tokens == null || diags.hasErrors() ? null : Compiler.compile(new SourceFile(file, src), tokens, diags);
        if (img == null) throw new AssertionError(diags.render());
        TestMachine m = new TestMachine(img);
        long failures = m.call("test");
        assertFalse(m.out.toString().contains("expected but got"), m.out.toString());
        assertEquals(0, failures, m.out.toString());
    }
}
