package dev.kplay.cc.pp;

import static dev.kplay.cc.pp.PP.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StringizePasteTest {
    @Test
    void stringize() {
        assertEquals("\"a + b\"", expand("#define S(x) #x\nS(a   +   b)"));
        assertEquals("\"\\\"hi\\\\n\\\" 'c'\"", expand("#define S(x) #x\nS(\"hi\\n\" 'c')"));
        assertEquals("\"\"", expand("#define S(x) #x\nS()"));
        assertEquals("\"FOO\"", expand("#define S(x) #x\n#define FOO 1\nS(FOO)"));
        assertEquals("\"1\"", expand("#define S(x) #x\n#define X(x) S(x)\n#define FOO 1\nX(FOO)"));
    }

    @Test
    void paste() {
        assertEquals("foobar", expand("#define CAT(a, b) a ## b\nCAT(foo, bar)"));
        assertEquals("x12", expand("#define CAT(a, b) a ## b\nCAT(x1, 2)"));
        assertEquals("<<=", expand("#define CAT(a, b) a ## b\nCAT(<<, =)"));
        assertEquals("b", expand("#define CAT(a, b) a ## b\nCAT(, b)"));
        assertEquals("a", expand("#define CAT(a, b) a ## b\nCAT(a, )"));
        assertEquals("abc", expand("#define CAT3(a, b, c) a ## b ## c\nCAT3(a, b, c)"));
        assertEquals("__UNIQUE_ID_license7", expand("#define U(p, n) __UNIQUE_ID_ ## p ## n\nU(license, 7)"));
    }

    @Test
    void pastedOperandsAreNotExpandedFirst() {
        assertEquals("AB", expand("#define A 1\n#define B 2\n#define CAT(a, b) a ## b\nCAT(A, B)"));
        assertEquals("3", expand("#define AB 3\n#define CAT(a, b) a ## b\nCAT(A, B)"));
    }

    @Test
    void invalidPaste() {
        PP pp = new PP().run("#define CAT(a, b) a ## b\nCAT(+, /)");
        assertTrue(pp.diags.render().contains("error: pasting \"+\" and \"/\" does not give a valid preprocessing token"),
            pp.diags.render());
    }

    @Test
    void hashMustNameParameter() {
        PP pp = new PP().run("#define S(x) #y\n");
        assertTrue(pp.diags.render().contains("t.c:1:14: error: '#' is not followed by a macro parameter"),
            pp.diags.render());
        pp = new PP().run("#define S(x) ## x\n");
        assertTrue(pp.diags.render().contains("error: '##' cannot appear at either end of a macro expansion"));
    }
}
