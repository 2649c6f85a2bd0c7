package dev.kplay.kernel;

import dev.kplay.ko.Function;
import dev.kplay.vm.Insn;
import dev.kplay.ko.KoFile;
import dev.kplay.ko.ModuleImage;
import dev.kplay.vm.Op;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-assembled module images for kernel tests (what the compiler will produce). */
final class Images {
    final String name;
    final List<Section> sections = new ArrayList<>();
    final List<Symbol> symbols = new ArrayList<>();
    final List<Relocation> relocs = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Map.Entry<String, String>> modinfo = new ArrayList<>();
    final java.io.ByteArrayOutputStream rodata = new java.io.ByteArrayOutputStream();
    String init;
    String exit;

    Images(String name) {
        this.name = name;
        modinfo.add(new AbstractMap.SimpleImmutableEntry<>("license", "GPL"));
    }

    Images license(String l) {
        modinfo.set(0, new AbstractMap.SimpleImmutableEntry<>("license", l));
        return this;
    }

    /** Adds a string to .rodata.str1.1; returns its symbol index. */
    int string(String s) {
        int off = rodata.size();
        rodata.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
        symbols.add(new Symbol(".LC" + symbols.size(), ".rodata.str1.1", off, s.length() + 1, Symbol.Kind.OBJECT, false));
        return symbols.size() - 1;
    }

    int extern(String n) {
        symbols.add(new Symbol(n, null, 0, 0, Symbol.Kind.NOTYPE, true));
        return symbols.size() - 1;
    }

    int data(String n, String section, byte[] bytes) {
        sections.add(new Section(section, bytes.length, 8, bytes));
        symbols.add(new Symbol(n, section, 0, bytes.length, Symbol.Kind.OBJECT, false));
        return symbols.size() - 1;
    }

    int function(String n, String section, Insn... code) {
        int size = 0x40;
        int offset = 0;
        for (Function f : functions) {
            if (f.section().equals(section)) {
                offset = Math.max(offset, f.offset() + f.size());
            }
        }
        int[] pcs = new int[code.length];
        for (int i = 0; i < code.length; i++) {
            pcs[i] = Math.min(size - 1, i * 4);
        }
        functions.add(new Function(n, section, offset, size, false, false, List.of(), 16, List.of(code), pcs, null));
        symbols.add(new Symbol(n, section, offset, size, Symbol.Kind.FUNC, false));
        return symbols.size() - 1;
    }

    ModuleImage image() {
        List<Section> all = new ArrayList<>(sections);
        all.add(new Section(".rodata.str1.1", rodata.size(), 1, rodata.toByteArray()));
        for (String text : new String[] {".text", ".init.text", ".exit.text"}) {
            int size = 0;
            for (Function f : functions) {
                if (f.section().equals(text)) {
                    size = Math.max(size, f.offset() + f.size());
                }
            }
            if (size > 0) {
                all.add(new Section(text, size, 16, null));
            }
        }
        all.add(ModuleImage.modinfoSection(modinfo));
        return new ModuleImage(name, name.replace('_', '-') + ".ko", all, symbols, relocs, functions, modinfo, init, exit);
    }

    byte[] ko() {
        return KoFile.encode(image());
    }

    static Insn i(Op op) { return Insn.of(op); }

    static Insn i(Op op, long a) { return Insn.of(op, a); }

    static Insn i(Op op, long a, int b) { return new Insn(op, a, b); }

    /** hello-3: init prints hello3_data (in .init.data), exit prints it too (after init memory is freed). */
    static Images hello3() {
        Images m = new Images("hello_3");
        int data = m.data("hello3_data", ".init.data", new byte[] {3, 0, 0, 0});
        int hello = m.string("\0016Hello, world %d\n");
        int bye = m.string("\0016Goodbye, world %d\n");
        int printk = m.extern("_printk");
        m.function("hello_3_init", ".init.text", i(Op.SYM, hello), i(Op.SYM, data), i(Op.LD4S), i(Op.CALL, printk, 2),
                i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.function("hello_3_exit", ".exit.text", i(Op.SYM, bye), i(Op.SYM, data), i(Op.LD4S), i(Op.CALL, printk, 2),
                i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.init = "hello_3_init";
        m.exit = "hello_3_exit";
        return m;
    }
}
