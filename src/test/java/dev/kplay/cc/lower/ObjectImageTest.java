package dev.kplay.cc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.vm.Op;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The object image the compiler hands to the linker: sections, symbols, aliases, code metadata. */
class ObjectImageTest {
    static final String SRC = """
        int printk(const char *fmt, ...);
        static int data __attribute__((section(".init.data"))) = 3;
        static int zero;
        static const char tag[] __attribute__((section(".modinfo"), used, aligned(1))) = "license=GPL";
        extern int other;
        static int __attribute__((section(".init.text"))) my_init(void)
        {
            static int calls;
            calls++;
            printk("hi %d\\n", data + other + zero);
            return 0;
        }
        static inline int unused_inline(void) { return undefined_fn(); }
        int init_module(void) __attribute__((alias("my_init")));
        """;

    static ModuleImage image() {
        Diagnostics diags = new Diagnostics();
        return TestMachine.compile("m-1.c", SRC.replace("return undefined_fn();", "return 1;"), diags);
    }

    static Symbol sym(ModuleImage img, String name) {
        return img.symbols().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void sectionsFromAttributesAndDefaults() {
        ModuleImage img = image();
        assertEquals("m_1", img.name());
        assertEquals("m-1.o", img.fileName());
        var names = img.sections().stream().map(Section::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(java.util.Set.of(".init.text", ".init.data", ".modinfo", ".bss", ".rodata.str1.1")), names.toString());
        Section modinfo = img.sections().stream().filter(s -> s.name().equals(".modinfo")).findFirst().orElseThrow();
        assertEquals("license=GPL\0", new String(modinfo.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(img.modinfo().isEmpty());
        assertNull(img.initFunction());
    }

    @Test
    void symbolsLinkageAndAliases() {
        ModuleImage img = image();
        Symbol init = sym(img, "my_init");
        Symbol alias = sym(img, "init_module");
        assertFalse(init.global());
        assertTrue(alias.global());
        assertEquals(init.section(), alias.section());
        assertEquals(init.offset(), alias.offset());
        assertEquals(Symbol.Kind.FUNC, alias.kind());
        assertFalse(sym(img, "printk").defined());
        assertFalse(sym(img, "other").defined());
        assertNotNull(sym(img, "calls.0"), "static locals are name.N");
        assertNull(sym(img, "unused_inline"), "unreferenced static inline functions are not emitted");
    }

    @Test
    void unusedInlineFunctionsDoNotPullInUndefinedSymbols() {
        Diagnostics diags = new Diagnostics();
        ModuleImage img = TestMachine.compile("m.c", "int undefined_fn(void);\n" + SRC, diags);
        assertNull(sym(img, "undefined_fn"));
    }

    @Test
    void codeMetadataForOopsReports() {
        Function f = image().functions().stream().filter(x -> x.name().equals("my_init")).findFirst().orElseThrow();
        assertEquals(".init.text", f.section());
        assertEquals(f.code().size(), f.pcOffsets().length);
        assertEquals(f.code().size(), f.lines().length);
        assertEquals(0, f.size() % 16);
        assertTrue(f.pcOffsets()[f.pcOffsets().length - 1] < f.size());
        assertEquals(Op.RET, f.code().get(f.code().size() - 1).op());
        assertEquals(0, f.frameSize() % 16);
        assertTrue(f.lines()[0] >= 6);
    }
}
