package dev.kplay.cc.lower;

import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.sema.ConstEval;
import dev.kplay.cc.sema.InitLayout;
import dev.kplay.cc.sema.Obj;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Typed;
import dev.kplay.cc.sema.Types;
import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a checked translation unit to an object image ({@link ModuleImage} with no modinfo and no
 * init/exit yet: the link step adds those). This half does the module level: which functions are
 * emitted (everything but unreferenced {@code static inline} ones, as gcc does), sections from
 * {@code __attribute__((section))} or .text/.data/.rodata/.bss/.rodata.str1.1, static initializers
 * as bytes plus relocations, symbols (static → local; referenced but undefined → undefined
 * symbols), and {@code alias} symbols such as init_module. {@link FunctionLowerer} does the code.
 */
public final class Lowerer {
    private static final class SectionBuf {
        final String name;
        byte[] bytes = new byte[0];
        int size;
        int align = 1;
        final boolean text;
        final boolean bss;

        SectionBuf(String name) {
            this.name = name;
            this.text = name.endsWith("text");
            this.bss = name.startsWith(".bss");
        }

        int reserve(int n, int a) {
            align = Math.max(align, a);
            int off = (size + a - 1) / a * a;
            size = off + n;
            if (!text && !bss && bytes.length < size) bytes = Arrays.copyOf(bytes, Math.max(size, bytes.length * 2));
            return off;
        }
    }

    private record SymDef(String section, long offset, int size, Symbol.Kind kind, boolean global) {}

    private final Typed typed;
    private final String moduleName;
    private final String fileName;
    private final List<String> symNames = new ArrayList<>();
    private final List<Symbol.Kind> symKinds = new ArrayList<>();
    private final Map<Object, Integer> symIndex = new IdentityHashMap<>();
    private final Map<String, Integer> externalSyms = new java.util.HashMap<>();
    private final Map<String, Integer> stringSyms = new HashMap<>();
    private final Map<Integer, SymDef> defs = new HashMap<>();
    private final Map<String, SectionBuf> sections = new LinkedHashMap<>();
    private final List<Relocation> relocs = new ArrayList<>();
    private final Deque<Obj> worklist = new ArrayDeque<>();
    private final Map<Obj, Function> lowered = new IdentityHashMap<>();
    private final Map<Obj, Typed.FunctionInfo> infos = new IdentityHashMap<>();

    /** Whether functions get gcc's stack canary (-fstack-protector-strong, kbuild's; see StackProtector). */
    final boolean stackProtector;

    public Lowerer(Typed typed, String moduleName, String fileName) {
        this(typed, moduleName, fileName, false);
    }

    public Lowerer(Typed typed, String moduleName, String fileName, boolean stackProtector) {
        this.typed = typed;
        this.moduleName = moduleName;
        this.fileName = fileName;
        this.stackProtector = stackProtector;
    }

    Typed typed() { return typed; }

    /** Builds the object image. */
    public ModuleImage lower() {
        for (Typed.FunctionInfo fi : typed.functions) infos.put(fi.fn(), fi);
        for (Obj o : typed.globals) {
            if (o.kind == Obj.Kind.VAR && !o.isExtern && o.fileScope) data(o);
        }
        for (Typed.FunctionInfo fi : typed.functions) {
            Obj fn = fi.fn();
            boolean droppable = fn.isStatic && fn.inline && fn.attr("used") == null;
            if (!droppable) need(fn);
        }
        while (!worklist.isEmpty()) {
            Obj fn = worklist.poll();
            lowered.put(fn, new FunctionLowerer(this, infos.get(fn)).lower());
        }
        staticLocals();
        List<Function> functions = new ArrayList<>();
        for (Typed.FunctionInfo fi : typed.functions) {
            Function f = lowered.get(fi.fn());
            if (f == null) continue;
            SectionBuf s = section(f.section());
            int off = s.reserve(f.size(), 16);
            Function placed = new Function(f, off, f.code());
            functions.add(placed);
            defs.put(sym(fi.fn()), new SymDef(f.section(), off, f.size(), Symbol.Kind.FUNC, f.global()));
        }
        aliases();
        return new ModuleImage(moduleName, fileName, sectionList(), symbolList(), List.copyOf(relocs),
            List.copyOf(functions), List.of(), null, null);
    }

    /**
     * The static variables of functions, after the functions: those the lowered code (or another
     * one's initialiser) refers to. gcc drops the rest with the inline functions it does not emit
     * (a header's WARN_ONCE() flag in one no caller used).
     */
    private void staticLocals() {
        java.util.Set<Obj> placed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean more = true;
        while (more) {
            more = false;
            for (Obj o : typed.globals) {
                if (o.kind == Obj.Kind.VAR && !o.isExtern && !o.fileScope && o.isStatic && symIndex.containsKey(o)
                        && placed.add(o)) {
                    data(o);
                    more = true;
                }
            }
        }
    }

    private Map<Obj, Integer> references;

    /** Whether gcc inlines fn into its one caller (Typed.calledOnce): its frame then shows in no trace, as a header's inline function's does not. */
    boolean calledOnce(Obj fn) {
        if (references == null) {
            references = typed.referenceCounts();
        }
        return typed.calledOnce(fn, references);
    }

    /** Queues a defined function for lowering (once). */
    void need(Obj fn) {
        if (fn.def == null || lowered.containsKey(fn)) return;
        lowered.put(fn, null);
        worklist.add(fn);
    }

    private void aliases() {
        for (Obj o : typed.globals) {
            Attribute a = o.attr("alias");
            if (a == null || a.args().isEmpty() || !(a.args().get(0) instanceof Expr.StrLit s)) continue;
            String target = new String(s.bytes(), StandardCharsets.UTF_8);
            for (Obj t : typed.globals) {
                if (!t.symbol.equals(target) || t == o) continue;
                Integer ti = symIndex.get(t);
                SymDef td = ti == null ? null : defs.get(ti);
                if (td == null) continue;
                defs.put(sym(o), new SymDef(td.section(), td.offset(), td.size(), td.kind(), !o.isStatic));
            }
        }
    }

    // ---- symbols -----------------------------------------------------------------------------

    /** The symbol index of a function or object, creating the symbol on first use. */
    int sym(Obj o) {
        Integer i = symIndex.get(o);
        if (i != null) return i;
        symNames.add(o.symbol);
        symKinds.add(o.kind == Obj.Kind.FUNC ? Symbol.Kind.FUNC : Symbol.Kind.OBJECT);
        symIndex.put(o, symNames.size() - 1);
        if (o.kind == Obj.Kind.FUNC) need(o);
        return symNames.size() - 1;
    }

    /** The symbol of a kernel function the compiler calls on its own (__stack_chk_fail), undefined here. */
    int externalFunction(String name) {
        Integer i = externalSyms.get(name);
        if (i != null) return i;
        symNames.add(name);
        symKinds.add(Symbol.Kind.FUNC);
        externalSyms.put(name, symNames.size() - 1);
        return symNames.size() - 1;
    }

    /** The symbol of a string literal in .rodata.str1.1 (identical strings are merged). */
    int string(byte[] bytes) {
        String key = new String(bytes, StandardCharsets.ISO_8859_1);
        Integer i = stringSyms.get(key);
        if (i != null) return i;
        SectionBuf s = section(".rodata.str1.1");
        int off = s.reserve(bytes.length + 1, 1);
        System.arraycopy(bytes, 0, s.bytes, off, bytes.length);
        s.bytes[off + bytes.length] = 0;
        symNames.add(".LC" + stringSyms.size());
        symKinds.add(Symbol.Kind.OBJECT);
        int idx = symNames.size() - 1;
        stringSyms.put(key, idx);
        defs.put(idx, new SymDef(s.name, off, bytes.length + 1, Symbol.Kind.OBJECT, false));
        return idx;
    }

    private List<Symbol> symbolList() {
        List<Symbol> out = new ArrayList<>();
        for (int i = 0; i < symNames.size(); i++) {
            SymDef d = defs.get(i);
            if (d == null) {
                out.add(new Symbol(symNames.get(i), null, 0, 0, symKinds.get(i), true));
            } else {
                out.add(new Symbol(symNames.get(i), d.section(), d.offset(), d.size(), d.kind(), d.global()));
            }
        }
        return out;
    }

    // ---- sections and data -------------------------------------------------------------------

    private SectionBuf section(String name) {
        return sections.computeIfAbsent(name, SectionBuf::new);
    }

    private List<Section> sectionList() {
        List<Section> out = new ArrayList<>();
        for (SectionBuf s : sections.values()) {
            byte[] b = s.text || s.bss ? null : Arrays.copyOf(s.bytes, s.size);
            out.add(new Section(s.name, s.size, s.align, b));
        }
        return out;
    }

    static String sectionAttr(Obj o) {
        Attribute a = o.attr("section");
        if (a != null && !a.args().isEmpty() && a.args().get(0) instanceof Expr.StrLit s) {
            return new String(s.bytes(), StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Lays out a file-scope or static-local object with its initial bytes and relocations. */
    private void data(Obj o) {
        long size = Types.sizeOf(o.type);
        int align = Types.alignOf(o.type);
        Long explicit = null;
        Attribute al = o.attr("aligned");
        if (al != null) {
            explicit = al.args().isEmpty() ? Long.valueOf(16) : new ConstEval(typed).intValue(al.args().get(0));
        }
        if (explicit != null) align = (int) (long) explicit;
        byte[] bytes = new byte[(int) size];
        List<long[]> pending = new ArrayList<>();   // {offset, symbol, addend}
        if (o.init != null) {
            InitLayout.Flat flat = typed.inits.get(o.init);
            for (InitLayout.Entry e : flat.entries()) write(bytes, pending, e);
        }
        String name = sectionAttr(o);
        if (name == null) {
            boolean zero = pending.isEmpty();
            for (byte b : bytes) if (b != 0) zero = false;
            if ((o.type.quals() & Type.CONST) != 0 || o.type instanceof Type.Arr a && (a.elem().quals() & Type.CONST) != 0) {
                name = ".rodata";
            } else {
                name = zero ? ".bss" : ".data";
            }
        }
        SectionBuf s = section(name);
        int off = s.reserve((int) size, Math.max(1, align));
        if (!s.bss && !s.text) System.arraycopy(bytes, 0, s.bytes, off, bytes.length);
        for (long[] p : pending) relocs.add(new Relocation(name, (int) (off + p[0]), (int) p[1], p[2]));
        defs.put(sym(o), new SymDef(name, off, (int) size, Symbol.Kind.OBJECT, !o.isStatic));
    }

    private void write(byte[] buf, List<long[]> pending, InitLayout.Entry e) {
        write(buf, pending, e, 0);
    }

    /**
     * Writes entry {@code e} of an initializer that starts at {@code base}. A struct compound literal
     * in a static initializer ({@code static T x = (T){...}}, the form of DEFINE_KFIFO) is a constant
     * aggregate to gcc: its own entries are written in place.
     */
    private void write(byte[] buf, List<long[]> pending, InitLayout.Entry e, long base) {
        int off = (int) (base + e.offset());
        if (e.expr() instanceof Expr.CompoundLit c && Types.isStruct(e.type())) {
            InitLayout.Flat inner = typed.inits.get(c.init());
            if (inner != null) {
                for (InitLayout.Entry ie : inner.entries()) write(buf, pending, ie, off);
            }
            return;
        }
        if (e.expr() instanceof Expr.StrLit s && e.type() instanceof Type.Arr a) {
            int n = (int) Math.max(0, Math.min(Math.min(s.bytes().length, a.length()), buf.length - off));
            System.arraycopy(s.bytes(), 0, buf, off, n);
            return;
        }
        Object v = FunctionLowerer.constant(typed, e.expr());
        if (v instanceof Long l) {
            long val = l;
            if (e.bitfield() != null) {
                Type.Member m = e.bitfield();
                int unit = (int) Types.sizeOf(m.type());
                long cur = readLE(buf, off, unit);
                long mask = m.bitWidth() >= 64 ? -1L : (1L << m.bitWidth()) - 1;
                cur = (cur & ~(mask << m.bitOffset())) | ((val & mask) << m.bitOffset());
                writeLE(buf, off, unit, cur);
                return;
            }
            writeLE(buf, off, (int) Math.min(8, Types.sizeOf(e.type())), val);
        } else if (v instanceof ConstEval.Addr a) {
            int symbol;
            if (a.obj() != null) {
                symbol = sym(a.obj());
            } else if (a.str() != null) {
                symbol = string(a.str().bytes());
            } else {
                symbol = sym(typed.declared.get(a.lit()));
            }
            pending.add(new long[] {off, symbol, a.addend()});
        }
    }

    static long readLE(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    static void writeLE(byte[] b, int off, int n, long v) {
        for (int i = 0; i < n && off + i < b.length; i++) {
            b[off + i] = (byte) v;
            v >>= 8;
        }
    }
}
