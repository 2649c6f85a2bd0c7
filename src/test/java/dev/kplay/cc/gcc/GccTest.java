package dev.kplay.cc.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gcc driver: libc builds, programs link, gcc's and ld's messages. */
class GccTest {
    @Test
    void helloLinksAgainstLibc() {
        Gcc.Result r = Gcc.run(List.of("-o", "hello", "hello.c"),
                Map.of("hello.c", "#include <stdio.h>\nint main(void)\n{\n\tprintf(\"Hello %d\\n\", 42);\n\treturn 0;\n}\n"));
        assertEquals("", r.output());
        assertEquals(0, r.status());
        assertEquals("hello", r.outputFile());
        assertNotNull(r.executable());
    }

    @Test
    void noInputFiles() {
        Gcc.Result r = Gcc.run(List.of(), Map.of());
        assertEquals("gcc: fatal error: no input files\ncompilation terminated.\n", r.output());
        assertEquals(1, r.status());
    }

    @Test
    void undefinedReferenceIsLdsError() {
        Gcc.Result r = Gcc.run(List.of("t.c"), Map.of("t.c", "void foo(void);\nint main(void)\n{\n\tfoo();\n\treturn 0;\n}\n"));
        assertEquals(1, r.status());
        assertNull(r.executable());
        assertTrue(r.output().contains("undefined reference to `foo'\ncollect2: error: ld returned 1 exit status\n"), r.output());
    }

    @Test
    void implicitDeclarationIsAWarningWithoutWall() {
        Gcc.Result r = Gcc.run(List.of("t.c"), Map.of("t.c", "int main(void)\n{\n\tint unused;\n\tputs(\"x\");\n\treturn 0;\n}\n"));
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().startsWith("t.c: In function ‘main’:\nt.c:4:9: warning: implicit declaration of function ‘puts’"), r.output());
        assertTrue(!r.output().contains("unused"), r.output());
    }

    @Test
    void floatingPointIsRefused() {
        Gcc.Result r = Gcc.run(List.of("t.c"), Map.of("t.c", "int main(void)\n{\n\tdouble d = 1.5;\n\treturn (int)d;\n}\n"));
        assertEquals(1, r.status());
        assertTrue(r.output().contains("kplay: floating point is not supported"), r.output());
    }
}
