package dev.kplay.cc.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.source.SourceFile;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Token> lex(String text, Diagnostics d) {
        return Lexer.tokenize(new SourceFile("t.c", text), d);
    }

    private static List<Token> lex(String text) {
        Diagnostics d = new Diagnostics();
        List<Token> toks = lex(text, d);
        assertFalse(d.hasErrors(), d.render());
        return toks;
    }

    private static String texts(String text) {
        return lex(text).stream().filter(t -> t.kind() != TokenKind.EOF).map(Token::text)
            .collect(Collectors.joining(" "));
    }

    @Test
    void punctuatorsAreLongestMatch() {
        assertEquals("a <<= b >>= c ... ## # -> ++ -- && || == != <= >=",
            texts("a<<=b>>=c...## #->++--&&||==!=<=>="));
        assertEquals("x ++ + y", texts("x+++y"));
        assertEquals("a . b", texts("a.b"));
    }

    @Test
    void keywordsIncludeGnuSpellings() {
        List<Token> t = lex("__attribute__ typeof __typeof__ asm __asm__ __inline __extension__ __restrict "
            + "__volatile__ _Static_assert _Bool __builtin_offsetof foo __builtin_expect");
        for (int i = 0; i < 12; i++) {
            assertEquals(TokenKind.KEYWORD, t.get(i).kind(), t.get(i).text());
        }
        assertEquals(TokenKind.IDENT, t.get(12).kind());
        assertEquals(TokenKind.IDENT, t.get(13).kind());
    }

    @Test
    void ppNumbers() {
        assertEquals("0x10UL 1e+5 1.5f .5 0x1p-3 12abc", texts("0x10UL 1e+5 1.5f .5 0x1p-3 12abc"));
        assertEquals(TokenKind.NUMBER, lex("1.2.3").get(0).kind());
        assertEquals("1 - 2", texts("1-2"));
    }

    @Test
    void literalsWithPrefixes() {
        List<Token> t = lex("'a' L'b' u8\"x\" \"a\\\"b\" U\"y\" '\\''");
        assertEquals(TokenKind.CHAR, t.get(0).kind());
        assertEquals("L'b'", t.get(1).text());
        assertEquals(TokenKind.STRING, t.get(2).kind());
        assertEquals("\"a\\\"b\"", t.get(3).text());
        assertEquals("U\"y\"", t.get(4).text());
        assertEquals("'\\''", t.get(5).text());
        assertEquals(TokenKind.IDENT, lex("L").get(0).kind());
    }

    @Test
    void commentsAndFlags() {
        List<Token> t = lex("a/* c */b // x\n  #define\nc");
        assertEquals("a", t.get(0).text());
        assertTrue(t.get(0).atLineStart());
        assertEquals("b", t.get(1).text());
        assertTrue(t.get(1).spaceBefore());
        assertFalse(t.get(1).atLineStart());
        assertEquals("#", t.get(2).text());
        assertTrue(t.get(2).atLineStart());
        assertTrue(t.get(2).spaceBefore());
        assertFalse(t.get(3).spaceBefore());
        assertTrue(t.get(4).atLineStart());
        assertEquals(TokenKind.EOF, t.get(5).kind());
    }

    @Test
    void lineSplicesKeepOriginalSpans() {
        String src = "#define X \\\n  1\nfo\\\no";
        List<Token> t = lex(src);
        assertEquals("1", t.get(3).text());
        assertFalse(t.get(3).atLineStart());
        assertEquals(2, t.get(3).span().line());
        assertEquals(3, t.get(3).span().column());
        Token foo = t.get(4);
        assertEquals("foo", foo.text());
        assertEquals(3, foo.span().line());
        assertEquals(src.length(), foo.span().end());
    }

    @Test
    void spansAndColumns() {
        Token r = lex("int f(void)\n{\n\treturn 0;\n}\n").get(6);
        assertEquals("return", r.text());
        assertEquals(3, r.span().line());
        assertEquals(9, r.span().column());
    }

    @Test
    void unterminatedLiteralsRunToTheEndOfTheLine() {
        List<Token> t = lex("char *s = \"abc;\nint c = 'x;\n'a' \"ok\" '\\''");
        assertEquals("\"abc;", t.get(4).text());
        assertTrue(Lexer.unterminated(t.get(4)));
        assertEquals("'x;", t.get(8).text());
        assertTrue(Lexer.unterminated(t.get(8)));
        assertFalse(Lexer.unterminated(t.get(9)));
        assertFalse(Lexer.unterminated(t.get(10)));
        assertFalse(Lexer.unterminated(t.get(11)));
    }

    @Test
    void errors() {
        Diagnostics d = new Diagnostics();
        lex("char *s = \"abc;\nint x = @;\n/* open", d);
        String out = d.render();
        assertTrue(out.contains("t.c:2:9: error: stray ‘@’ in program"), out);
        assertTrue(out.contains("t.c:3:1: error: unterminated comment"), out);
    }
}
