package dev.kplay.cc.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IncludeTest {
    @Test
    void userHeader() {
        PP pp = new PP().file("common.h", "#define N 5\nint common;\n").run("#include \"common.h\"\nint x = N;");
        assertFalse(pp.diags.hasErrors(), pp.diags.render());
        assertEquals("int common ; int x = 5 ;", pp.text());
        assertEquals("common.h", pp.tokens.get(0).span().file().name());
    }

    @Test
    void guardsAndPragmaOnce() {
        PP pp = new PP().file("g.h", "#ifndef G_H\n#define G_H\nint g;\n#endif\n")
            .file("o.h", "#pragma once\nint o;\n")
            .run("#include \"g.h\"\n#include \"g.h\"\n#include \"o.h\"\n#include \"o.h\"\n");
        assertEquals("int g ; int o ;", pp.text());
    }

    @Test
    void missingHeaderIsFatal() {
        PP pp = new PP().run("int a;\n\n#include <linux/foo.h>\nint b;\n");
        assertNull(pp.tokens);
        assertEquals("t.c:3:10: fatal error: linux/foo.h: No such file or directory\n"
            + "    3 | #include <linux/foo.h>\n"
            + "      |          ^~~~~~~~~~~~~\n"
            + "compilation terminated.\n", pp.diags.render());
    }

    @Test
    void unterminatedQuotedNameIsAnErrorNotACrash() {
        // found by the toolchain fuzz: `#include "` at the end of a file threw StringIndexOutOfBoundsException
        for (String src : new String[] {"#include \"", "#include \"\n", "#include \"abc\nint x;\n"}) {
            PP pp = new PP().run(src);
            assertTrue(pp.diags.hasErrors(), src);
            assertTrue(pp.diags.render().contains("#include expects \"FILENAME\" or <FILENAME>"), pp.diags.render());
        }
    }

    @Test
    void angledIncludeDoesNotSeeUserFiles() {
        PP pp = new PP().file("mine.h", "int m;\n").run("#include <mine.h>\n");
        assertTrue(pp.diags.render().contains("fatal error: mine.h: No such file or directory"));
    }

    @Test
    void depthLimit() {
        PP pp = new PP().file("self.h", "#include \"self.h\"\n").run("#include \"self.h\"\n");
        String out = pp.diags.render();
        assertTrue(out.startsWith("In file included from self.h:1,\n                 from self.h:1,\n"), out);
        assertTrue(out.contains("                 from t.c:1:\nself.h:1:10: error: #include nested depth 200 "
            + "exceeds maximum of 200 (use -fmax-include-depth=DEPTH to increase the maximum)\n"), out);
    }

    @Test
    void expansionBudget() {
        StringBuilder src = new StringBuilder("#define A0 x x x x x x x x x x\n");
        for (int i = 1; i < 11; i++) {
            src.append("#define A").append(i).append(" A").append(i - 1).append(" A").append(i - 1)
               .append(" A").append(i - 1).append(" A").append(i - 1).append("\n");
        }
        src.append("A10\n");
        PP pp = new PP().run(src.toString());
        assertNull(pp.tokens);
        assertTrue(pp.diags.render().contains("fatal error: macro expansion produced more than"), pp.diags.render());
    }

    @Test
    void hasInclude() {
        PP pp = new PP().file("x.h", "").run("#if __has_include(\"x.h\") && !__has_include(<nope.h>)\nok\n#endif\n");
        assertEquals("ok", pp.text());
    }

    @Test
    void includeChainPrecedesHeaderDiagnostics() {
        PP pp = new PP().file("b.h", "\n#error deep\n").file("a.h", "#include \"b.h\"\n#warning shallow\n")
            .run("int x;\n#include \"a.h\"\n#error top\n");
        assertEquals("In file included from a.h:1,\n"
            + "                 from t.c:2:\n"
            + "b.h:2:2: error: #error deep\n"
            + "    2 | #error deep\n"
            + "      |  ^~~~~\n"
            + "In file included from t.c:2:\n"
            + "a.h:2:2: warning: #warning shallow [-Wcpp]\n"
            + "    2 | #warning shallow\n"
            + "      |  ^~~~~~~\n"
            + "t.c:3:2: error: #error top\n"
            + "    3 | #error top\n"
            + "      |  ^~~~~\n", pp.diags.render());
    }
}
