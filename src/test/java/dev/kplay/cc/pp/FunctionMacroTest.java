package dev.kplay.cc.pp;

import static dev.kplay.cc.pp.PP.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FunctionMacroTest {
    @Test
    void arguments() {
        assertEquals("( ( 1 ) > ( 2 ) ? ( 1 ) : ( 2 ) )",
            expand("#define MAX(a, b) ((a) > (b) ? (a) : (b))\nMAX(1, 2)"));
        assertEquals("f ( ( 1 , 2 ) , 3 )", expand("#define F(x, y) f(x, y)\nF((1, 2), 3)"));
        assertEquals("F + 1", expand("#define F(x) x\nF + 1"));
        assertEquals("", expand("#define E() \nE()"));
        assertEquals("[ ]", expand("#define ID(x) [x]\nID()"));
    }

    @Test
    void argumentsAreExpandedFirst() {
        assertEquals("2 * 3", expand("#define T(x) x * 3\n#define TWO 2\nT(TWO)"));
        assertEquals("f ( f ( 1 ) )", expand("#define f(x) f(x)\nf(f(1))"));
    }

    @Test
    void invocationAcrossLines() {
        assertEquals("1 + 2", expand("#define ADD(a, b) a + b\nADD(1,\n  2)"));
    }

    @Test
    void rescanFindsMacroNameFromBody() {
        assertEquals("42", expand("#define G F\n#define F(x) x\nG(42)"));
    }

    @Test
    void wrongArgumentCount() {
        // as Debian 12's cpp: the error at the closing parenthesis, the note at the #define's line with
        // no column, and the arguments dropped (the name alone goes on)
        PP pp = new PP().run("#define F(a, b) a\nF(1)\n");
        assertTrue(pp.diags.render().contains("t.c:2:4: error: macro \"F\" requires 2 arguments, but only 1 given\n"
            + "    2 | F(1)\n      |    ^\nt.c:1: note: macro \"F\" defined here\n    1 | #define F(a, b) a\n      | \n"),
            pp.diags.render());
        assertEquals("F", pp.text());
        pp = new PP().run("#define F(a) a\nF(1, 2)\n");
        assertTrue(pp.diags.render().contains("error: macro \"F\" passed 2 arguments, but takes just 1"));
        pp = new PP().run("#define F(a) a\nF(1, 2\n");
        assertTrue(pp.diags.render().contains("t.c:2:7: error: unterminated argument list invoking macro \"F\""),
            pp.diags.render());
        assertEquals("F", pp.text());
    }
}
