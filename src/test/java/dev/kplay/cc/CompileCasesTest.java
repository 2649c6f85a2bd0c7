package dev.kplay.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.ko.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The oracle's module sources compile (with the built-in headers), and syntaxerr.c fails as gcc 12 does. */
class CompileCasesTest {
    static final Set<String> KERNEL_WERROR = Set.of("implicit-function-declaration", "implicit-int", "return-type",
        "strict-prototypes", "incompatible-pointer-types", "designated-init", "date-time");

    static String resource(String path) throws IOException {
        try (InputStream in = CompileCasesTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * An oracle case's source: the golden replay's copy (src/test/resources/golden: NAME.c, or the one .c
     * in the folder NAME/ for cases laid out as the shared oracle's chardev ones), or for the variant it
     * does not hold (nolicense-ko) the one in cc/cases.
     */
    static String caseSource(String name) throws IOException {
        String golden = "/golden/" + name + ".c";
        if (CompileCasesTest.class.getResource(golden) != null) {
            return resource(golden);
        }
        java.net.URL folder = CompileCasesTest.class.getResource("/golden/" + name);
        if (folder != null) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder.toURI()))) {
                List<String> sources = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".c")).toList();
                assertEquals(1, sources.size(), "one module source in golden/" + name);
                return resource("/golden/" + name + "/" + sources.get(0));
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return resource("/cc/cases/" + name + ".c");
    }

    static ModuleImage build(String file, String source, Diagnostics diags) {
        Preprocessor pp = Preprocessor.forKbuild(Map.of(file, source), diags, file);
        SourceFile sf = new SourceFile(file, source);
        List<Token> tokens = pp.preprocess(sf);
        if (tokens == null || diags.hasErrors()) return null;
        return Compiler.compile(sf, tokens, diags);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-3", "hello-levels", "init-enomem", "nolicense", "nolicense-ko", "nullderef",
        "params", "procfile", "proprietary", "twice", "undefined", "dstate", "chardev-owner", "chardev-noowner"})
    void compiles(String name) throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        String file = name.startsWith("chardev") ? "chardev.c" : name + ".c";
        ModuleImage img = build(file, caseSource(name), diags);
        assertNotNull(img, diags.render());
        assertEquals("", diags.render());
    }

    @Test
    void syntaxErrorAsGcc() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        ModuleImage img = build("syntaxerr.c", caseSource("syntaxerr"), diags);
        assertNull(img);
        String expected = resource("/golden/syntaxerr.out");
        String gcc = expected.substring(expected.indexOf("syntaxerr.c: In function"), expected.indexOf("make[1]"));
        assertEquals(gcc, diags.render());
    }

    @Test
    void printkFormatWarningsAreAtKernLevels() {
        // as recorded on the oracle (cc/diag-kbuild/badfmt): gcc cannot point into pr_info's format,
        // which macros concatenated, and reports at its first piece, KERN_SOH in kern_levels.h
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        String src = """
            #include <linux/module.h>
            #include <linux/kernel.h>

            static int __init fmt_init(void)
            {
            	size_t len = sizeof(long);

            	pr_info("fmt: %d bytes\\n", len);
            	return 0;
            }
            module_init(fmt_init);
            MODULE_LICENSE("GPL");
            """;
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        ModuleImage img = build("fmt.c", src, diags);
        assertNotNull(img, diags.render());
        String h = "/usr/src/linux-headers-6.1.0-56-common/include/linux/";
        assertTrue(diags.render().contains("                 from fmt.c:1:\n"
            + "fmt.c: In function ‘fmt_init’:\n"
            + h + "kern_levels.h:5:25: warning: format ‘%d’ expects argument of type ‘int’, but argument 2 has type "
            + "‘size_t’ {aka ‘long unsigned int’} [-Wformat=]\n"), diags.render());
        assertTrue(diags.render().endsWith("fmt.c:8:9: note: in expansion of macro ‘pr_info’\n"
            + "    8 |         pr_info(\"fmt: %d bytes\\n\", len);\n"
            + "      |         ^~~~~~~\n"), diags.render());
    }

    @Test
    void aKitchenSinkModuleCompilesCleanly() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        ModuleImage img = build("sink.c", resource("/cc/modules/sink.c"), diags);
        assertEquals("", diags.render());
        assertNotNull(img);
    }

    @Test
    void fallthroughMacroSilencesImplicitFallthrough() {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        String src = """
            #include <linux/module.h>
            #include <linux/kernel.h>
            static int pick(int x)
            {
            \tint r = 0;
            
            \tswitch (x) {
            \tcase 1:
            \t\tr = 1;
            \t\tfallthrough;
            \tcase 2:
            \t\tr += 2;
            \t\tbreak;
            \tdefault:
            \t\tbreak;
            \t}
            \treturn r;
            }
            static int __init ft_init(void)
            {
            \tpr_info("ft: %d\\n", pick(1));
            \treturn 0;
            }
            module_init(ft_init);
            MODULE_LICENSE("GPL");
            """;
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        assertNotNull(build("ft.c", src, diags), diags.render());
        assertEquals("", diags.render());
        Diagnostics warned = new Diagnostics(KERNEL_WERROR);
        assertNotNull(build("ft.c", src.replace("\t\tfallthrough;\n", ""), warned));
        assertTrue(warned.render().contains("this statement may fall through [-Wimplicit-fallthrough=]"), warned.render());
    }

    /** Checked on the oracle: Debian 6.1's kbuild prints exactly this for cpy.c. */
    @Test
    void uncheckedCopyToUserAndAMissingReturnAsTheRealKbuild() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        assertNull(build("cpy.c", resource("/cc/modules/cpy.c"), diags));
        assertEquals(resource("/cc/modules/cpy.out"), diags.render());
    }

    /**
     * Checked on the oracle: copy_to_user() of a constant 16 bytes from an 8-byte local buffer does
     * not build (check_copy_size() calls __bad_copy_from(), declared __compiletime_error). gcc puts
     * the error in linux/thread_info.h with "inlined from" notes; kplay in its own linux/uaccess.h.
     */
    @Test
    void constantCopyBiggerThanItsBufferDoesNotBuild() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        assertNull(build("constbig.c", resource("/cc/modules/constbig.c"), diags));
        // gcc's error is in check_copy_size, inlined into copy_to_user and that into the read handler
        assertTrue(diags.render().contains("In function \u2018check_copy_size\u2019,\n"), diags.render());
        assertTrue(diags.render().contains("    inlined from \u2018constbig_read\u2019 at constbig.c:9:6:\n"), diags.render());
        assertTrue(diags.render().contains("error: call to \u2018__bad_copy_from\u2019 declared with attribute error:"
                + " copy source size is too small"), diags.render());
    }

    /** Checked on the oracle: a read handler with the wrong return type in file_operations. */
    @Test
    void wrongFopsSignatureAsTheRealKbuild() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        assertNull(build("sig.c", resource("/cc/modules/sig.c"), diags));
        assertEquals(resource("/cc/modules/sig.out"), diags.render());
    }

    /** Checked on the oracle: a misspelt function and an undeclared variable. */
    @Test
    void typosAsTheRealKbuild() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        assertNull(build("typo.c", resource("/cc/modules/typo.c"), diags));
        assertEquals(resource("/cc/modules/typo.out"), diags.render());
    }

    /** Checked on the oracle: misspelt members, in a designated initializer and through a pointer. */
    @Test
    void misspeltMembersAsTheRealKbuild() throws IOException {
        assumeTrue(CompileCasesTest.class.getResource("/include/linux/module.h") != null, "built-in headers");
        Diagnostics diags = new Diagnostics(KERNEL_WERROR);
        assertNull(build("fld.c", resource("/cc/modules/fld.c"), diags));
        assertEquals(resource("/cc/modules/fld.out"), diags.render());
    }
}
