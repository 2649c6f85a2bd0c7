package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deeply nested source compiles as with gcc (cc1 has a deep stack); it used to overflow the request thread. */
class DeepNestingTest {
    @Test
    void thousandsOfNestedParenthesesAndBlocksCompile() {
        String src = "#include <linux/module.h>\n"
            + "static int f(void) { return " + "(".repeat(5000) + "1" + ")".repeat(5000) + "; }\n"
            + "static void g(void) {" + "{".repeat(3000) + "}".repeat(3000) + "}\n"
            + "static int __init i(void) { g(); return f() - 1; }\n"
            + "module_init(i);\nMODULE_LICENSE(\"GPL\");\n";
        BuildResult r = Kbuild.build(Map.of("deep.c", src));
        assertTrue(r.ok(), r.output());
    }
}
