package dev.kplay.cc.pp;

import static dev.kplay.cc.pp.PP.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionalTest {
    @Test
    void ifdefIfndefElse() {
        assertEquals("yes", expand("#define A\n#ifdef A\nyes\n#else\nno\n#endif"));
        assertEquals("no", expand("#ifdef A\nyes\n#else\nno\n#endif"));
        assertEquals("yes", expand("#ifndef A\nyes\n#endif"));
    }

    @Test
    void elifChain() {
        String src = "#if X == 1\none\n#elif X == 2\ntwo\n#elif defined(X)\nother\n#else\nnone\n#endif";
        assertEquals("one", expand("#define X 1\n" + src));
        assertEquals("two", expand("#define X 2\n" + src));
        assertEquals("other", expand("#define X 3\n" + src));
        assertEquals("none", expand(src));
    }

    @Test
    void nestedSkippedGroups() {
        assertEquals("c", expand("#if 0\n#if 1\na\n#else\nb\n#endif\n#else\nc\n#endif"));
    }

    @Test
    void expressions() {
        assertEquals("t", expand("#if (1 << 4) + 3 * 2 == 22 && !0 && ~0 == -1\nt\n#endif"));
        assertEquals("t", expand("#if -1 > 0u\nt\n#endif"));
        assertEquals("t", expand("#if 0x7fffffffffffffffL + 0 > 0 && 'A' == 65 && '\\n' == 10\nt\n#endif"));
        assertEquals("t", expand("#if 0 && (1 / 0)\n#else\nt\n#endif"));
        assertEquals("t", expand("#if 1 ? 2 : (1/0)\nt\n#endif"));
        assertEquals("t", expand("#if UNDEFINED_NAME == 0\nt\n#endif"));
        assertEquals("t", expand("#define V(x) (x * 2)\n#if V(3) == 6\nt\n#endif"));
        assertEquals("t", expand("#if defined A || defined(__GNUC__)\nt\n#endif"));
        assertEquals("t", expand("#if __has_attribute(__section__) && __has_attribute(noinline) && !__has_attribute(bogus)\nt\n#endif"));
        assertEquals("t", expand("#if __has_builtin(__builtin_expect)\nt\n#endif"));
        assertEquals("t", expand("#ifdef __has_attribute\nt\n#endif"));
    }

    @Test
    void errors() {
        PP pp = new PP().run("#if 1 +\n#endif\n#if\n#endif\n#if 1/0\n#endif\n#else\n#if 1\n");
        String out = pp.diags.render();
        assertTrue(out.contains("t.c:1:7: error: operator '+' has no right operand"), out);
        assertTrue(out.contains("t.c:3:2: error: #if with no expression"), out);
        assertTrue(out.contains("t.c:5:6: error: division by zero in #if"), out);
        assertTrue(out.contains("t.c:7:2: error: #else without #if"), out);
        assertTrue(out.contains("t.c:8:2: error: unterminated #if"), out);
    }

    @Test
    void errorAndWarningDirectives() {
        PP pp = new PP().run("#warning careful here\n#error stop now\n#if 0\n#error not me\n#endif\n");
        String out = pp.diags.render();
        assertTrue(out.contains("t.c:1:2: warning: #warning careful here [-Wcpp]\n    1 | #warning careful here\n      |  ^~~~~~~\n"), out);
        assertTrue(out.contains("t.c:2:2: error: #error stop now"), out);
        assertTrue(!out.contains("not me"), out);
        PP bad = new PP().run("#foo\n");
        assertTrue(bad.diags.render().contains("t.c:1:2: error: invalid preprocessing directive #foo"));
    }

    @Test
    void apostrophesInSkippedGroupsAndErrorLines() {
        PP pp = new PP().run("#if 0\nIt's not compiled\n#endif\n#warning don't\nchar c = 'x;\n");
        assertEquals("t.c:4:13: warning: missing terminating ' character\n"
            + "    4 | #warning don't\n"
            + "      |             ^\n"
            + "t.c:4:2: warning: #warning don't [-Wcpp]\n"
            + "    4 | #warning don't\n"
            + "      |  ^~~~~~~\n"
            + "t.c:5:10: warning: missing terminating ' character\n"
            + "    5 | char c = 'x;\n"
            + "      |          ^\n"
            + "t.c:5:10: error: missing terminating ' character\n"
            + "    5 | char c = 'x;\n"
            + "      |          ^~~\n", pp.diags.render());
        assertEquals("char c =", pp.text());
    }
}
