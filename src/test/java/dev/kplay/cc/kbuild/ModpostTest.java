package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.ko.Function;
import dev.kplay.vm.Insn;
import dev.kplay.ko.ModuleImage;
import dev.kplay.vm.Op;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** modpost over hand-made objects: section mismatches, licenses, undefined and GPL-only symbols. */
class ModpostTest {
    private static Section modinfo(String... tags) {
        StringBuilder b = new StringBuilder();
        for (String t : tags) b.append(t).append('\0');
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        return new Section(".modinfo", bytes.length, 1, bytes);
    }

    private static Function fn(String name, String section, List<Insn> code) {
        return new Function(name, section, 0, 16, false, false, List.of(), 0, code, new int[code.size()],
            new int[code.size()]);
    }

    /** hello-3: an __exit function (aliased by cleanup_module) reads __initdata. */
    private static ModuleImage hello3(String license) {
        List<Symbol> syms = List.of(
            new Symbol("hello3_data", ".init.data", 0, 4, Symbol.Kind.OBJECT, false),
            new Symbol("hello_3_exit", ".exit.text", 0, 16, Symbol.Kind.FUNC, false),
            new Symbol("cleanup_module", ".exit.text", 0, 16, Symbol.Kind.FUNC, true),
            new Symbol("_printk", null, 0, 0, Symbol.Kind.NOTYPE, true));
        List<Section> secs = new ArrayList<>(List.of(new Section(".init.data", 4, 4, new byte[4]),
            new Section(".exit.text", 16, 16, null)));
        if (license != null) secs.add(modinfo("license=" + license));
        Function exit = fn("hello_3_exit", ".exit.text", List.of(Insn.of(Op.SYM, 0), Insn.of(Op.LD4S),
            Insn.of(Op.CALL, 3), Insn.of(Op.RET)));
        return new ModuleImage("hello_3", "hello-3.o", secs, syms, List.of(), List.of(exit), List.of(), null, null);
    }

    private static Modpost.Report run(String base, ModuleImage o) {
        Map<String, ModuleImage> m = new LinkedHashMap<>();
        m.put(base, o);
        return Modpost.run(m);
    }

    @Test
    void sectionMismatchNamesTheGlobalAlias() {
        Modpost.Report r = run("hello-3", hello3("GPL"));
        assertEquals(List.of("WARNING: modpost: hello-3.o: section mismatch in reference: cleanup_module "
            + "(section: .exit.text) -> hello3_data (section: .init.data)"), r.lines());
        assertFalse(r.failed());
    }

    @Test
    void missingLicenseIsAnError() {
        Modpost.Report r = run("hello-3", hello3(null));
        assertEquals("ERROR: modpost: missing MODULE_LICENSE() in hello-3.o", r.lines().get(0));
        assertTrue(r.failed());
    }

    @Test
    void undefinedAndGplOnlySymbols() {
        List<Symbol> syms = List.of(new Symbol("oracle_no_such_function", null, 0, 0, Symbol.Kind.NOTYPE, true),
            new Symbol("device_create", null, 0, 0, Symbol.Kind.NOTYPE, true),
            new Symbol("_printk", null, 0, 0, Symbol.Kind.NOTYPE, true),
            new Symbol("__this_module", null, 0, 0, Symbol.Kind.NOTYPE, true));
        ModuleImage o = new ModuleImage("p", "p.o", List.of(modinfo("license=Proprietary")), syms, List.of(),
            List.of(), List.of(), null, null);
        Modpost.Report r = run("p", o);
        assertEquals(List.of("ERROR: modpost: \"oracle_no_such_function\" [p.ko] undefined!",
            "ERROR: modpost: GPL-incompatible module p.ko uses GPL-only symbol 'device_create'"), r.lines());
        assertTrue(r.failed());
    }

    @Test
    void dataReferencesAndWhiteList() {
        List<Symbol> syms = List.of(
            new Symbol("my_init", ".init.text", 0, 16, Symbol.Kind.FUNC, false),
            new Symbol("table", ".data", 0, 16, Symbol.Kind.OBJECT, false),
            new Symbol("my_ops", ".data", 16, 8, Symbol.Kind.OBJECT, false));
        ModuleImage o = new ModuleImage("d", "d.o",
            List.of(new Section(".data", 24, 8, new byte[24]), modinfo("license=GPL")), syms,
            List.of(new Relocation(".data", 8, 0, 0), new Relocation(".data", 16, 0, 0)), List.of(), List.of(),
            null, null);
        Modpost.Report r = run("d", o);
        assertEquals(List.of("WARNING: modpost: d.o: section mismatch in reference: table (section: .data) "
            + "-> my_init (section: .init.text)"), r.lines());
    }

    @Test
    void exportsOfOtherModulesResolve() {
        List<Symbol> a = List.of(new Symbol("shared_fn", ".text", 0, 16, Symbol.Kind.FUNC, true),
            new Symbol("__ksymtab_shared_fn", "__ksymtab", 0, 24, Symbol.Kind.OBJECT, false));
        List<Symbol> b = List.of(new Symbol("shared_fn", null, 0, 0, Symbol.Kind.NOTYPE, true));
        Map<String, ModuleImage> m = new LinkedHashMap<>();
        m.put("lib-a", new ModuleImage("lib_a", "lib-a.o", List.of(modinfo("license=GPL")), a, List.of(), List.of(),
            List.of(), null, null));
        m.put("user", new ModuleImage("user", "user.o", List.of(modinfo("license=GPL")), b, List.of(), List.of(),
            List.of(), null, null));
        Modpost.Report r = Modpost.run(m);
        assertEquals(List.of(), r.lines());
        assertEquals(List.of("lib_a"), List.copyOf(r.depends().get("user")));
    }

    @Test
    void linkAddsModInfoThisModuleAndInitExit() {
        List<Symbol> syms = List.of(new Symbol("hello_init", ".init.text", 0, 16, Symbol.Kind.FUNC, false),
            new Symbol("init_module", ".init.text", 0, 16, Symbol.Kind.FUNC, true),
            new Symbol("__this_module", null, 0, 0, Symbol.Kind.NOTYPE, true));
        Function init = fn("hello_init", ".init.text", List.of(Insn.of(Op.CONST), Insn.of(Op.RET)));
        ModuleImage o = new ModuleImage("hello_1", "hello-1.o", List.of(modinfo("license=GPL", "author=me")), syms,
            List.of(), List.of(init), List.of(), null, null);
        ModuleImage ko = Linker.link("hello-1", o, java.util.Set.of(), "0123456789ABCDEF0123456");
        assertEquals("hello_1", ko.name());
        assertEquals("hello-1.ko", ko.fileName());
        assertEquals("hello_init", ko.initFunction());
        assertEquals(null, ko.exitFunction());
        assertEquals("[license=GPL, author=me, depends=, retpoline=Y, "
            + "name=hello_1, vermagic=6.1.0-56-amd64 SMP preempt mod_unload modversions ]", ko.modinfo().toString());
        Symbol tm = ko.symbols().get(2);
        assertEquals(".gnu.linkonce.this_module", tm.section());
        Section s = ko.sections().stream().filter(x -> x.name().equals(".gnu.linkonce.this_module")).findFirst()
            .orElseThrow();
        assertEquals(0x380, s.size());
        assertEquals('h', s.bytes()[24]);
    }
}
