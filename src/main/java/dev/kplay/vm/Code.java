package dev.kplay.vm;

import java.util.List;

/*
 * A module function decoded once for the interpreter: the Insn list flattened into parallel
 * arrays (opcode ordinal, a, b), so the inner loop touches only primitive arrays. It is bound to
 * where the loader put it (address) and to its module's resolved symbol addresses, which CALL and
 * SYM index into, the way relocated x86 code has absolute addresses baked in.
 */

/** A loaded, decoded module function. */
public final class Code {
    final String name;
    final String module;
    final long address;
    final int size;
    final int frameSize;
    final boolean variadic;
    /** A function gcc would have inlined (Routine.inlined: static inline, or called once): no frame in call traces. */
    final boolean inlined;
    /** The call instructions gcc would make sibling calls (Routine.tailCalls), ascending; null if none. */
    private final int[] tailCalls;
    /** The calls gcc would place in the .cold part (Routine.coldCalls), ascending; null if none. */
    private final int[] coldCalls;
    final int[] paramOffsets;
    final int[] paramSizes;
    final int[] ops;
    final long[] as;
    final int[] bs;
    final int[] pcOffsets;
    final int[] lines;
    /** Resolved address of each symbol of the module image, by index; shared by the module's functions. */
    final long[] symbols;
    /**
     * Whether compiled callers may call it directly (Compiled.CALL): not variadic, at most
     * Compiled.DIRECT_ARGS parameters, each of a machine width.
     */
    final boolean direct;
    /** Call instructions (CALL, CALLI) in the code: the call sites of a compiled function, numbered in order. */
    final int callSites;
    /**
     * Each call site's last direct callee (TierCalls.directCallee), the address it was called at and the
     * bus epoch then; null until a compiled call site calls directly.
     */
    long[] siteTargets;
    Code[] siteCallees;
    int[] siteEpochs;
    /** Times the interpreter entered the function or took one of its back-edges (the compiling tier's heat). */
    int heat;
    /** The compiled tier's translation, once the function is hot; null until then or if it cannot be compiled. */
    Compiled compiled;

    private Code(String name, String module, long address, int size, int frameSize, boolean variadic, boolean inlined,
                 int[] tailCalls, int[] coldCalls, int[] paramOffsets, int[] paramSizes, int[] ops, long[] as, int[] bs, int[] pcOffsets,
                 int[] lines, long[] symbols) {
        this.name = name;
        this.module = module;
        this.address = address;
        this.size = size;
        this.frameSize = frameSize;
        this.variadic = variadic;
        this.inlined = inlined;
        this.tailCalls = tailCalls == null || tailCalls.length == 0 ? null : tailCalls;
        this.coldCalls = coldCalls == null || coldCalls.length == 0 ? null : coldCalls;
        this.paramOffsets = paramOffsets;
        this.paramSizes = paramSizes;
        this.ops = ops;
        this.as = as;
        this.bs = bs;
        this.pcOffsets = pcOffsets;
        this.lines = lines;
        this.symbols = symbols;
        boolean d = !variadic && paramOffsets.length <= Compiled.DIRECT_ARGS;
        for (int w : paramSizes) {
            d &= w == 1 || w == 2 || w == 4 || w == 8;
        }
        this.direct = d;
        int sites = 0;
        for (int op : ops) {
            if (op == Opcodes.CALL || op == Opcodes.CALLI) {
                sites++;
            }
        }
        this.callSites = sites;
    }

    /** Decodes f, loaded at address in module {@code module}, with the module's symbol addresses. */
    public static Code decode(Routine f, String module, long address, long[] symbols) {
        List<Insn> code = f.code();
        int n = code.size();
        int[] ops = new int[n];
        long[] as = new long[n];
        int[] bs = new int[n];
        for (int i = 0; i < n; i++) {
            Insn insn = code.get(i);
            ops[i] = Opcodes.of(insn.op());
            as[i] = insn.a();
            bs[i] = insn.b();
        }
        int[] po = new int[f.paramCount()];
        int[] ps = new int[po.length];
        for (int i = 0; i < po.length; i++) {
            po[i] = f.paramOffset(i);
            ps[i] = f.paramSize(i);
        }
        int[] pcOffsets = f.pcOffsets();
        if (pcOffsets == null || pcOffsets.length != n) {
            pcOffsets = new int[n];
            for (int i = 0; i < n; i++) {
                pcOffsets[i] = Math.min(i * 4, Math.max(0, f.size() - 1));
            }
        }
        return new Code(f.name(), module, address, Math.max(1, f.size()), (f.frameSize() + 15) & ~15, f.variadic(),
                f.inlined(), f.tailCalls(), f.coldCalls(), po, ps, ops, as, bs, pcOffsets, f.lines(), symbols);
    }

    public String name() { return name; }

    /** The module this function belongs to, or null. */
    public String module() { return module; }

    public long address() { return address; }

    public int size() { return size; }

    /** Whether gcc would have compiled this function into its callers (static inline, or called once). */
    public boolean inlined() { return inlined; }

    /** Whether instruction pc is a call gcc would have made a sibling call (a jump: no frame of this function while the callee runs). */
    public boolean tailCallAt(int pc) {
        return tailCalls != null && java.util.Arrays.binarySearch(tailCalls, pc) >= 0;
    }

    /** How many calls the function's .cold part has. */
    public int coldCalls() { return coldCalls == null || coldCalls[0] < 0 ? 0 : coldCalls.length; }

    /** Whether the function is cold itself (ko.Function.WHOLLY_COLD): it has no .cold part, nor do inline functions' calls in it. */
    public boolean whollyCold() { return coldCalls != null && coldCalls[0] < 0; }

    /** Which call of the function's .cold part instruction pc is (0, 1...), or -1 if it is not in one. */
    public int coldCallAt(int pc) {
        int i = coldCalls == null ? -1 : java.util.Arrays.binarySearch(coldCalls, pc);
        return Math.max(-1, i);
    }

    /** The instruction address of instruction index pc (RIP). */
    public long rip(int pc) {
        if (pc < 0 || pc >= pcOffsets.length) {
            return address;
        }
        return address + pcOffsets[pc];
    }

    /** The source line of instruction pc, or 0 if unknown. */
    public int line(int pc) {
        if (lines == null || pc < 0 || pc >= lines.length) {
            return 0;
        }
        return lines[pc];
    }

}
