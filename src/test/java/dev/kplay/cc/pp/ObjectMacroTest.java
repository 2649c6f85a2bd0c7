package dev.kplay.cc.pp;

import static dev.kplay.cc.pp.PP.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.lex.Token;
import org.junit.jupiter.api.Test;

class ObjectMacroTest {
    @Test
    void replaces() {
        assertEquals("int x = 3 ;", expand("#define N 3\nint x = N;"));
        assertEquals("1 + 2", expand("#define A B + 2\n#define B 1\nA"));
    }

    @Test
    void recursionStopsAtHideSet() {
        assertEquals("foo", expand("#define foo foo\nfoo"));
        assertEquals("a", expand("#define a b\n#define b a\na"));
    }

    @Test
    void undefAndRedefine() {
        assertEquals("X 2", expand("#define X 1\n#undef X\nX\n#define X 2\nX"));
        PP pp = new PP().run("#define X 1\n#define X 2\nX");
        assertTrue(pp.diags.render().contains("t.c:2:9: warning: \"X\" redefined"), pp.diags.render());
        assertTrue(pp.diags.render().contains("t.c:1:9: note: this is the location of the previous definition"));
        assertEquals("2", pp.text());
        PP same = new PP().run("#define X  1\n#define X 1\n");
        assertEquals("", same.diags.render());
    }

    @Test
    void expansionPointsAtInvocation() {
        PP pp = new PP().run("#define X 1 +\nint a = X;");
        Token one = pp.tokens.get(3);
        assertEquals("1", one.text());
        assertEquals(1, one.span().line());
        assertEquals(2, one.where().line());
        assertEquals(9, one.where().column());
        assertNull(pp.tokens.get(0).expansion());
    }

    @Test
    void builtins() {
        assertEquals("\"t.c\" 2 0 1", expand("\n__FILE__ __LINE__ __COUNTER__ __COUNTER__"));
        assertEquals("12 1", expand("__GNUC__ __x86_64__"));
    }
}
