package dev.kplay.cc.pp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.source.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every built-in header preprocesses cleanly, alone and all together, as kbuild compiles a module. */
class BuiltinHeadersTest {
    static List<String> headers() throws IOException, URISyntaxException {
        Path root = Path.of(BuiltinHeadersTest.class.getResource("/include").toURI());
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                .filter(n -> n.endsWith(".h")).sorted().collect(Collectors.toList());
        }
    }

    static List<Token> kbuild(String name, String src, Diagnostics d) {
        return Preprocessor.forKbuild(Map.of(name, src), d, name).preprocess(new SourceFile(name, src));
    }

    @Test
    void allHeadersTogether() throws Exception {
        StringBuilder src = new StringBuilder();
        for (String h : headers()) src.append("#include <").append(h).append(">\n");
        Diagnostics d = new Diagnostics();
        List<Token> toks = kbuild("all.c", src.toString(), d);
        assertEquals("", d.render());
        assertNotNull(toks);
    }

    @Test
    void eachHeaderAlone() throws Exception {
        for (String h : headers()) {
            Diagnostics d = new Diagnostics();
            kbuild("one.c", "#include <" + h + ">\n", d);
            assertEquals("", d.render(), h);
        }
    }

    @Test
    void kbuildDefinesAndPrintk() {
        Diagnostics d = new Diagnostics();
        List<Token> toks = kbuild("hello-3.c", "#include <linux/module.h>\n"
            + "const char *m = KBUILD_MODNAME; int k = __KERNEL__ + MODULE;\n"
            + "void f(void) { pr_info(\"x %d\\n\", 1); pr_debug(\"y\"); }\n", d);
        assertEquals("", d.render());
        String text = toks.stream().map(Token::text).collect(Collectors.joining(" "));
        assertTrue(text.contains("const char * m = \"hello_3\" ;"), text);
        assertTrue(text.contains("int k = 1 + 1 ;"), text);
        assertTrue(text.contains("_printk ( \"\\001\" \"6\" \"x %d\\n\" , 1 )"), text);
        assertTrue(text.contains("if ( 0 ) _printk ( \"\\001\" \"7\" \"y\" )"), text);
    }

    @Test
    void moduleMacros() {
        Diagnostics d = new Diagnostics();
        List<Token> toks = kbuild("m.c", "#include <linux/module.h>\nstatic int __init a(void) { return 0; }\n"
            + "module_init(a);\nMODULE_LICENSE(\"GPL\");\nMODULE_AUTHOR(\"me\");\n", d);
        assertEquals("", d.render());
        String text = toks.stream().map(Token::text).collect(Collectors.joining(" "));
        assertTrue(text.contains("int init_module ( void ) __attribute__ ( ( alias ( \"a\" ) ) ) ;"), text);
        assertTrue(text.contains("static const char __UNIQUE_ID_license0 [ ] __attribute__ ( ( __used__ ) ) "
            + "__attribute__ ( ( __section__ ( \".modinfo\" ) ) ) __attribute__ ( ( __aligned__ ( 1 ) ) ) = \"license\" \"=\" \"GPL\" ;"), text);
        assertTrue(text.contains("__UNIQUE_ID_author1"), text);
        assertTrue(text.contains("static int __attribute__ ( ( __section__ ( \".init.text\" ) ) ) __attribute__ ( ( __cold__ ) ) a ( void )"), text);
    }

    @Test
    void objectOfACompositeModule() {
        Diagnostics d = new Diagnostics();
        List<Token> toks = Preprocessor.forKbuild(Map.of("start.c", ""), d, "start.c", "start-stop")
            .preprocess(new SourceFile("start.c", "KBUILD_MODNAME KBUILD_BASENAME KBUILD_MODFILE\n"));
        assertEquals("\"start_stop\" \"start\" \"start-stop\"",
            toks.stream().filter(t -> !t.text().isEmpty()).map(Token::text).collect(Collectors.joining(" ")));
    }
}
