package dev.kplay.cc.kbuild;

import dev.kplay.ko.Function;
import dev.kplay.vm.Insn;
import dev.kplay.ko.ModuleImage;
import dev.kplay.vm.Op;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ld -r}: the {@code LD [M] startstop.o} step that joins the objects of a module spanning
 * several files into one object. Sections of the same name are concatenated (each part aligned),
 * so offsets of symbols, functions and relocations of later objects move by their section's base;
 * an undefined symbol that another object defines globally becomes that definition; the rest stay
 * undefined, one entry per name, for modpost and the loader.
 */
public final class PartialLink {
    private PartialLink() {}

    /** Links {@code objects} (in command-line order) into one object image named {@code base}. */
    public static ModuleImage link(String base, List<ModuleImage> objects) {
        if (objects.size() == 1) return objects.get(0);
        Map<String, SectionBuilder> sections = new LinkedHashMap<>();
        List<Map<String, Long>> bases = new ArrayList<>();
        for (ModuleImage o : objects) {
            Map<String, Long> at = new LinkedHashMap<>();
            for (Section s : o.sections()) {
                at.put(s.name(), sections.computeIfAbsent(s.name(), SectionBuilder::new).append(s));
            }
            bases.add(at);
        }
        Map<String, Integer> globals = new LinkedHashMap<>();   // name -> index in the merged table
        List<Symbol> symbols = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) {
            for (Symbol s : objects.get(k).symbols()) {
                if (s.defined() && s.global() && !globals.containsKey(s.name())) {
                    globals.put(s.name(), symbols.size());
                    symbols.add(moved(s, bases.get(k)));
                }
            }
        }
        List<int[]> maps = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) {
            List<Symbol> own = objects.get(k).symbols();
            int[] map = new int[own.size()];
            for (int i = 0; i < own.size(); i++) {
                Symbol s = own.get(i);
                Integer g = s.global() || !s.defined() ? globals.get(s.name()) : null;
                if (g != null) {
                    map[i] = g;
                } else if (!s.defined()) {
                    globals.put(s.name(), symbols.size());
                    map[i] = symbols.size();
                    symbols.add(s);
                } else {
                    map[i] = symbols.size();
                    symbols.add(moved(s, bases.get(k)));
                }
            }
            maps.add(map);
        }
        List<Function> functions = new ArrayList<>();
        List<Relocation> relocations = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) {
            int[] map = maps.get(k);
            Map<String, Long> at = bases.get(k);
            for (Function f : objects.get(k).functions()) {
                List<Insn> code = new ArrayList<>(f.code().size());
                for (Insn i : f.code()) {
                    code.add(i.op() == Op.SYM || i.op() == Op.CALL ? new Insn(i.op(), map[(int) i.a()], i.b()) : i);
                }
                functions.add(new Function(f, (int) (f.offset() + at.get(f.section())), List.copyOf(code)));
            }
            for (Relocation r : objects.get(k).relocations()) {
                relocations.add(new Relocation(r.section(), (int) (r.offset() + at.get(r.section())), map[r.symbol()],
                    r.addend()));
            }
        }
        List<Section> merged = new ArrayList<>();
        for (SectionBuilder b : sections.values()) merged.add(b.build());
        return new ModuleImage(base.replace('-', '_'), base + ".o", merged, symbols, relocations, functions,
            List.of(), null, null);
    }

    private static Symbol moved(Symbol s, Map<String, Long> at) {
        return new Symbol(s.name(), s.section(), s.offset() + at.get(s.section()), s.size(), s.kind(), s.global());
    }

    /** One output section being assembled from the parts of the same name. */
    private static final class SectionBuilder {
        final String name;
        int size;
        int align = 1;
        byte[] bytes;       // null while every part so far is contentless (text, .bss)

        SectionBuilder(String name) {
            this.name = name;
        }

        /** Appends a part; returns its base offset in the output section. */
        long append(Section s) {
            int a = Math.max(1, s.align());
            int base = (size + a - 1) / a * a;
            align = Math.max(align, a);
            if (s.bytes() != null || bytes != null) {
                byte[] grown = new byte[base + s.size()];
                if (bytes != null) System.arraycopy(bytes, 0, grown, 0, bytes.length);
                if (s.bytes() != null) System.arraycopy(s.bytes(), 0, grown, base, s.bytes().length);
                bytes = grown;
            }
            size = base + s.size();
            return base;
        }

        Section build() {
            return new Section(name, size, align, bytes);
        }
    }
}
