package dev.kplay.cc.pp;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test harness: preprocesses a source (plus optional user headers) and spells the result. */
final class PP {
    final Diagnostics diags = new Diagnostics();
    final Map<String, String> files = new HashMap<>();
    List<Token> tokens;

    PP file(String name, String text) {
        files.put(name, text);
        return this;
    }

    PP run(String main) {
        files.put("t.c", main);
        tokens = new Preprocessor(files, diags).preprocess(new SourceFile("t.c", main));
        return this;
    }

    /** The output tokens separated by single spaces (EOF omitted). */
    String text() {
        return tokens.stream().filter(t -> t.kind() != TokenKind.EOF).map(Token::text)
            .collect(Collectors.joining(" "));
    }

    static String expand(String main) {
        PP pp = new PP().run(main);
        assertFalse(pp.diags.hasErrors(), pp.diags.render());
        return pp.text();
    }
}
