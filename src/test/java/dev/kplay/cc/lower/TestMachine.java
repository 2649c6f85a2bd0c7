package dev.kplay.cc.lower;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import dev.kplay.vm.Bus;
import dev.kplay.vm.Code;
import dev.kplay.vm.Cpu;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.Natives;
import dev.kplay.vm.PageFault;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal machine for running compiled object images in tests: sections laid out in a sparse
 * memory, symbols resolved (undefined functions to a few natives: printf-style output, memcpy,
 * memset, strlen, strcmp, abort), relocations applied, and the real {@link Cpu} to run code.
 * It documents what a loader must do with an image the compiler produces.
 */
final class TestMachine implements Bus, Natives {
    private static final long NATIVE_BASE = 0x7fff_0000_0000L;
    private static final long STACK_BASE = 0x6000_0000L;
    private final Map<Long, byte[]> pages = new HashMap<>();
    private final Map<Long, Code> code = new HashMap<>();
    private final Map<Long, String> natives = new HashMap<>();
    private final Map<String, Long> addresses = new HashMap<>();
    final StringBuilder out = new StringBuilder();
    /** Instructions the last call ran. */
    long instructions;
    private long heap = 0x5000_0000L;
    final ModuleImage image;

    TestMachine(ModuleImage image) {
        this.image = image;
        load();
    }

    /** Preprocesses and compiles C source; fails the test with the diagnostics if it does not compile. */
    static ModuleImage compile(String name, String source, Diagnostics diags) {
        Preprocessor pp = new Preprocessor(Map.of(name, source), diags);
        List<Token> tokens = pp.preprocess(new SourceFile(name, source));
        ModuleImage img = diags.hasErrors() ? null : Compiler.compile(new SourceFile(name, source), tokens, diags);
        if (img == null) throw new AssertionError("compile failed:\n" + diags.render());
        return img;
    }

    private void load() {
        Map<String, Long> sectionBase = new HashMap<>();
        long at = 0x1000_0000L;
        for (Section s : image.sections()) {
            at = (at + 4095) & ~4095L;
            sectionBase.put(s.name(), at);
            map(at, Math.max(1, s.size()));
            if (s.bytes() != null) {
                for (int i = 0; i < s.bytes().length; i++) store(at + i, 1, s.bytes()[i]);
            }
            at += s.size() + 4096;
        }
        List<Symbol> syms = image.symbols();
        long[] resolved = new long[syms.size()];
        long nextNative = NATIVE_BASE;
        for (int i = 0; i < syms.size(); i++) {
            Symbol s = syms.get(i);
            if (s.defined()) {
                resolved[i] = sectionBase.get(s.section()) + s.offset();
            } else if (s.kind() == Symbol.Kind.FUNC) {
                resolved[i] = nextNative;
                natives.put(nextNative, s.name());
                nextNative += 16;
            } else {
                resolved[i] = heap;
                map(heap, 4096);
                heap += 4096;
            }
            addresses.put(s.name(), resolved[i]);
        }
        for (Relocation r : image.relocations()) {
            store(sectionBase.get(r.section()) + r.offset(), 8, resolved[r.symbol()] + r.addend());
        }
        for (Function f : image.functions()) {
            long addr = sectionBase.get(f.section()) + f.offset();
            code.put(addr, Code.decode(f, image.name(), addr, resolved));
        }
        map(STACK_BASE, KernelStack.THREAD_SIZE);
    }

    private void map(long addr, long size) {
        for (long p = addr >>> 12; p <= (addr + size - 1) >>> 12; p++) pages.computeIfAbsent(p, k -> new byte[4096]);
    }

    long address(String symbol) {
        Long a = addresses.get(symbol);
        if (a == null) throw new AssertionError("no symbol " + symbol);
        return a;
    }

    /** Calls a module function by symbol name and returns its result; throws on a fault. */
    long call(String function, long... args) {
        Cpu cpu = new Cpu(this, this);
        KernelStack ks = new KernelStack(STACK_BASE);
        Exit e = cpu.call(ks, address(function), args);
        if (e == null) e = cpu.run(ks, 50_000_000);
        instructions = ks.instructions();
        if (e instanceof Exit.Returned r) return r.value();
        String where = e instanceof Exit.Faulted f ? " at 0x" + Long.toHexString(f.rip()) + " address 0x" + Long.toHexString(f.fault().address()) : "";
        throw new AssertionError("exit " + e + where + "\noutput:\n" + out + "\n" + disassemble(function));
    }

    /**
     * Calls a function in slices of {@code budget} instructions; the trace of where each slice
     * stopped (instructions so far, frame depth, innermost function and pc) and how the call ended.
     */
    String sliced(String function, long budget) {
        Cpu cpu = new Cpu(this, this);
        KernelStack ks = new KernelStack(STACK_BASE);
        Exit e = cpu.call(ks, address(function), new long[0]);
        StringBuilder trace = new StringBuilder();
        while (e == null || e instanceof Exit.OutOfBudget) {
            e = cpu.run(ks, budget);
            trace.append(ks.instructions()).append(' ').append(ks.depth());
            if (ks.depth() > 0) trace.append(' ').append(ks.frameCode(0).name()).append('@').append(ks.framePc(0));
            trace.append('\n');
        }
        return trace.append(e).append('\n').append(out).toString();
    }

    /** A listing of a function's code (index, line, instruction) for debugging a failing test. */
    String disassemble(String name) {
        StringBuilder b = new StringBuilder();
        for (Function f : image.functions()) {
            if (!f.name().equals(name)) continue;
            for (int i = 0; i < f.code().size(); i++) {
                b.append(String.format("%4d %4x L%-4d %s%n", i, f.offset() + f.pcOffsets()[i], f.lines()[i], f.code().get(i)));
            }
        }
        return b.toString();
    }

    // ---- Bus -----------------------------------------------------------------------------------

    @Override
    public long load(long addr, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (page(addr + i, PageFault.Access.READ)[(int) ((addr + i) & 4095)] & 0xff);
        return v;
    }

    @Override
    public void store(long addr, int size, long value) {
        for (int i = 0; i < size; i++) {
            page(addr + i, PageFault.Access.WRITE)[(int) ((addr + i) & 4095)] = (byte) value;
            value >>= 8;
        }
    }

    private byte[] page(long addr, PageFault.Access access) {
        byte[] p = pages.get(addr >>> 12);
        if (p == null) throw new PageFault(addr, access);
        return p;
    }

    @Override
    public Code fetch(long addr) {
        return code.get(addr);
    }

    // ---- Natives -------------------------------------------------------------------------------

    @Override
    public boolean isNative(long addr) {
        return natives.containsKey(addr);
    }

    @Override
    public String nameOf(long addr) {
        return natives.get(addr);
    }

    String cstring(long addr) {
        StringBuilder b = new StringBuilder();
        for (long a = addr; ; a++) {
            int c = (int) load(a, 1);
            if (c == 0) break;
            b.append((char) c);
        }
        return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public long call(long addr, long[] a, KernelStack stack) {
        String name = natives.get(addr);
        switch (name) {
            case "printf", "printk", "_printk" -> {
                String s = format(cstring(a[0]), a, 1);
                if (s.length() >= 2 && s.charAt(0) == 1) s = s.substring(2);
                out.append(s);
                return s.length();
            }
            case "sprintf" -> {
                String s = format(cstring(a[1]), a, 2);
                writeString(a[0], s);
                return s.length();
            }
            case "snprintf", "scnprintf" -> {
                String s = format(cstring(a[2]), a, 3);
                if (a[1] > 0) writeString(a[0], s.length() >= a[1] ? s.substring(0, (int) a[1] - 1) : s);
                return name.equals("scnprintf") ? Math.min(s.length(), Math.max(0, a[1] - 1)) : s.length();
            }
            case "memcpy", "memmove" -> {
                byte[] tmp = new byte[(int) a[2]];
                for (int i = 0; i < tmp.length; i++) tmp[i] = (byte) load(a[1] + i, 1);
                for (int i = 0; i < tmp.length; i++) store(a[0] + i, 1, tmp[i]);
                return a[0];
            }
            case "memset" -> {
                for (int i = 0; i < a[2]; i++) store(a[0] + i, 1, a[1]);
                return a[0];
            }
            case "strlen" -> {
                return cstring(a[0]).getBytes(StandardCharsets.UTF_8).length;
            }
            case "strcmp" -> {
                return Integer.signum(cstring(a[0]).compareTo(cstring(a[1])));
            }
            case "memcmp" -> {
                for (int i = 0; i < a[2]; i++) {
                    int x = (int) load(a[0] + i, 1), y = (int) load(a[1] + i, 1);
                    if (x != y) return x - y;
                }
                return 0;
            }
            case "abort" -> throw new AssertionError("abort()\n" + out);
            default -> throw new AssertionError("no native " + name);
        }
    }

    private void writeString(long dst, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) store(dst + i, 1, b[i]);
        store(dst + b.length, 1, 0);
    }

    /** A small printf: %d %i %u %x %ld %lu %lx %s %c %p %%, width and '-' flag. */
    String format(String fmt, long[] args, int next) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            int j = i + 1;
            StringBuilder flags = new StringBuilder();
            while (j < fmt.length() && "-0 +#".indexOf(fmt.charAt(j)) >= 0) flags.append(fmt.charAt(j++));
            StringBuilder width = new StringBuilder();
            while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) width.append(fmt.charAt(j++));
            int longs = 0;
            while (j < fmt.length() && Set.of('l', 'z', 'h').contains(fmt.charAt(j))) {
                if (fmt.charAt(j) != 'h') longs++;
                j++;
            }
            char conv = fmt.charAt(j);
            i = j;
            String s;
            long v = conv == '%' ? 0 : args[next++];
            switch (conv) {
                case 'd', 'i' -> s = Long.toString(longs > 0 ? v : (int) v);
                case 'u' -> s = longs > 0 ? Long.toUnsignedString(v) : Long.toString(v & 0xffffffffL);
                case 'x' -> s = Long.toHexString(longs > 0 ? v : v & 0xffffffffL);
                case 's' -> s = cstring(v);
                case 'c' -> s = String.valueOf((char) (v & 0xff));
                case 'p' -> s = String.format("%016x", v);
                case '%' -> s = "%";
                default -> s = "?";
            }
            String f = flags.toString();
            if (!width.isEmpty()) {
                int w = Integer.parseInt(width.toString());
                String pad = (f.contains("0") && !f.contains("-") ? "0" : " ").repeat(Math.max(0, w - s.length()));
                s = f.contains("-") ? s + pad : pad + s;
            }
            b.append(s);
        }
        return b.toString();
    }
}
