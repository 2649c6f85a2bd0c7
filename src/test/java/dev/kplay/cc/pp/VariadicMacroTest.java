package dev.kplay.cc.pp;

import static dev.kplay.cc.pp.PP.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VariadicMacroTest {
    @Test
    void vaArgs() {
        assertEquals("f ( \"x\" , 1 , 2 )", expand("#define P(fmt, ...) f(fmt, __VA_ARGS__)\nP(\"x\", 1, 2)"));
        assertEquals("f ( 1 , ( 2 , 3 ) )", expand("#define P(...) f(__VA_ARGS__)\nP(1, (2, 3))"));
    }

    @Test
    void gnuCommaSwallowing() {
        String def = "#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)\n";
        assertEquals("_printk ( \"a\" )", expand(def + "printk(\"a\")"));
        assertEquals("_printk ( \"a\" , 1 , x )", expand(def + "printk(\"a\", 1, x)"));
        assertEquals("_printk ( \"a\" )", expand(def + "printk(\"a\", )"));
    }

    @Test
    void namedVariadic() {
        assertEquals("g ( 1 , 2 )", expand("#define F(args...) g(args)\nF(1, 2)"));
        assertEquals("g ( 0 )", expand("#define F(a, args...) g(a, ##args)\nF(0)"));
    }

    @Test
    void vaOpt() {
        assertEquals("f ( a , b )", expand("#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\nF(a, b)"));
        assertEquals("f ( a )", expand("#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\nF(a)"));
    }

    @Test
    void nestedPrintkStyle() {
        String defs = "#define KERN_SOH \"\\001\"\n#define KERN_INFO KERN_SOH \"6\"\n#define pr_fmt(fmt) fmt\n"
            + "#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)\n"
            + "#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)\n";
        assertEquals("_printk ( \"\\001\" \"6\" \"hi %d\" , n )", expand(defs + "pr_info(\"hi %d\", n)"));
        assertEquals("_printk ( \"\\001\" \"6\" \"hi\" )", expand(defs + "pr_info(\"hi\")"));
    }
}
