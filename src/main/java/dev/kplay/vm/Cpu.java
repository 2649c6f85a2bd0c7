package dev.kplay.vm;

import static dev.kplay.vm.Opcodes.*;

/*
 * The interpreter: one switch over the ISA of dev.kplay.vm.Op, run on a task's KernelStack.
 *
 * Design: the loop keeps the hot state (the current function's arrays, pc, frame pointer, operand
 * stack height) in locals and writes it back to the KernelStack only when it leaves a frame (call,
 * return, fault, block, budget). A call never recurses on the Java stack: it pushes a frame on the
 * simulated stack and switches the locals, so a task can stop at any instruction and resume later,
 * and unbounded recursion ends at the guard page as a StackOverflow exit.
 *
 * Memory goes through the Bus (page faults), kernel functions through Natives. Every instruction
 * counts against the caller's budget; the kernel turns instruction counts into virtual time.
 *
 * Hot functions run as JVM code of the compiling tier (Tier, Translator): the interpreter hands a
 * frame over at a function's entry, a loop head or a return point, and takes it back in its own
 * terms whenever the compiled code stops (see Compiled), so both tiers give the same results, the
 * same instruction counts and the same faults. TierCalls runs the compiled frames and makes the
 * calls compiled code makes through the CPU; Frames has the frames compiled code pushes itself.
 */

/** The CPU. Stateless between runs apart from what it is given. */
public final class Cpu {
    final Bus bus;
    final Natives natives;

    public Cpu(Bus bus, Natives natives) {
        this.bus = bus;
        this.natives = natives;
    }

    /**
     * Pushes a call of the module function at {@code address} with {@code args} on the stack, as
     * kernel code calling a function pointer does. Returns null when the frame is pushed (then
     * {@link #run}), or the exit that stopped it: a fetch fault (the function's pages are gone), a
     * trap (address is not code), or a stack overflow.
     */
    public Exit call(KernelStack ks, long address, long[] args) {
        Code code;
        try {
            code = bus.fetch(address);
        } catch (PageFault pf) {
            return new Exit.Faulted(pf, address, null);
        }
        if (code == null) {
            return new Exit.Trapped(new Trap(Trap.Kind.INVALID_OPCODE, null, 0), address, null);
        }
        try {
            Exit overflow = enter(ks, code, args, args.length, 0);
            if (overflow == null) {
                Tier.heat(code);
            }
            return overflow;
        } catch (PageFault pf) {
            return new Exit.Faulted(pf, code.address, null);
        }
    }

    /** Pushes a frame for code; null on success, or a StackOverflow exit. */
    Exit enter(KernelStack ks, Code code, long[] args, int argc, long returnAddress) {
        int d = ks.depth;
        long fp = ks.sp - 16 - code.frameSize;
        byte[] page;
        if (code.variadic || d == ks.codes.length || fp < ks.base()
                || (page = bus.writableBytes(fp, 16 + code.frameSize)) == null) {
            return enterSlow(ks, code, args, argc, returnAddress);
        }
        // the whole frame is in one page at hand: the same stores as enterSlow's, without a lookup each
        int o = (int) (fp & (Bus.PAGE_SIZE - 1));
        int top = o + 16 + code.frameSize;
        Frames.put8(page, top - 8, returnAddress);
        Frames.put8(page, top - 16, d == 0 ? 0 : ks.fps[d - 1]);
        int[] offsets = code.paramOffsets;
        int[] sizes = code.paramSizes;
        for (int i = 0; i < offsets.length && i < argc; i++) {
            storeParam(page, o + offsets[i], sizes[i], args[i], fp + offsets[i]);
        }
        ks.depth = d + 1;
        ks.codes[d] = code;
        ks.pcs[d] = 0;
        ks.fps[d] = fp;
        ks.opBases[d] = ks.nops;
        ks.entrySps[d] = ks.sp;
        ks.vaAreas[d] = ks.sp;
        ks.sp = fp;
        return null;
    }

    private void storeParam(byte[] page, int at, int size, long value, long addr) {
        switch (size) {
            case 1 -> Frames.put1(page, at, value);
            case 2 -> Frames.put2(page, at, value);
            case 4 -> Frames.put4(page, at, value);
            case 8 -> Frames.put8(page, at, value);
            default -> bus.store(addr, size, value);
        }
    }

    /** enter() when the frame is not in one page at hand, the function is variadic or the frame arrays must grow. */
    private Exit enterSlow(KernelStack ks, Code code, long[] args, int argc, long returnAddress) {
        if (ks.depth == KernelStack.MAX_FRAMES) {
            return new Exit.StackOverflow(ks.sp - 8, code.address);
        }
        int nparams = code.paramOffsets.length;
        int extra = code.variadic ? Math.max(0, argc - nparams) : 0;
        long vaArea = ks.sp - 8L * extra;
        long fp = vaArea - 16 - code.frameSize;
        if (fp < ks.base()) {
            return new Exit.StackOverflow(ks.base() - 8, code.address);
        }
        for (int i = 0; i < extra; i++) {
            bus.store(vaArea + 8L * i, 8, args[nparams + i]);
        }
        bus.store(vaArea - 8, 8, returnAddress);
        bus.store(vaArea - 16, 8, ks.depth == 0 ? 0 : ks.fps[ks.depth - 1]);
        for (int i = 0; i < nparams && i < argc; i++) {
            bus.store(fp + code.paramOffsets[i], code.paramSizes[i], args[i]);
        }
        if (ks.depth == ks.codes.length) {
            ks.growFrames();
        }
        int d = ks.depth++;
        ks.codes[d] = code;
        ks.pcs[d] = 0;
        ks.fps[d] = fp;
        ks.opBases[d] = ks.nops;
        ks.entrySps[d] = ks.sp;
        ks.vaAreas[d] = vaArea;
        ks.sp = fp;
        return null;
    }

    /**
     * Runs the top frame of ks for at most {@code budget} instructions, until the bottom frame
     * returns, a fault or trap, a block, or the budget runs out.
     */
    public Exit run(KernelStack ks, long budget) {
        if (ks.depth == 0) {
            throw new IllegalStateException("run with no frame");
        }
        if (ks.blocked) {
            throw new IllegalStateException("run of a blocked stack");
        }
        int d = ks.depth - 1;
        Code c = ks.codes[d];
        int[] ops = c.ops;
        long[] as = c.as;
        int[] bs = c.bs;
        int pc = ks.pcs[d];
        long fp = ks.fps[d];
        long[] st = ks.operands;
        int n = ks.nops;
        long left = budget;
        long nativeAddr = 0;
        boolean tier = true;
        try {
            while (true) {
                if (tier) {
                    tier = false;
                    if (c.compiled != null) {
                        ks.pcs[ks.depth - 1] = pc;
                        ks.nops = n;
                        ks.left = left;
                        Exit e = TierCalls.runCompiled(this, ks, budget);
                        left = ks.left;
                        st = ks.operands;
                        if (e != null) {
                            return e;
                        }
                        d = ks.depth - 1;
                        c = ks.codes[d];
                        ops = c.ops;
                        as = c.as;
                        bs = c.bs;
                        pc = ks.pcs[d];
                        fp = ks.fps[d];
                        n = ks.nops;
                    }
                }
                if (left-- <= 0) {
                    ks.pcs[ks.depth - 1] = pc;
                    ks.nops = n;
                    ks.instructions += budget;
                    return new Exit.OutOfBudget();
                }
                if (n >= st.length - 16) {
                    if (st.length == KernelStack.MAX_OPERANDS) {
                        ks.pcs[ks.depth - 1] = pc;
                        ks.nops = n;
                        ks.instructions += budget - left;
                        return new Exit.StackOverflow(ks.base() - 8, c.rip(pc));
                    }
                    st = ks.growOperands(n + 32);
                }
                long x;
                long y;
                switch (ops[pc]) {
                    case CONST -> st[n++] = as[pc];
                    case LOCAL -> st[n++] = fp + as[pc];
                    case SYM -> st[n++] = c.symbols[(int) as[pc]] + bs[pc];
                    case LD1S -> st[n - 1] = (byte) bus.load(st[n - 1], 1);
                    case LD1U -> st[n - 1] = bus.load(st[n - 1], 1) & 0xff;
                    case LD2S -> st[n - 1] = (short) bus.load(st[n - 1], 2);
                    case LD2U -> st[n - 1] = bus.load(st[n - 1], 2) & 0xffff;
                    case LD4S -> st[n - 1] = (int) bus.load(st[n - 1], 4);
                    case LD4U -> st[n - 1] = bus.load(st[n - 1], 4) & 0xffffffffL;
                    case LD8 -> st[n - 1] = bus.load(st[n - 1], 8);
                    case ST1, ST2, ST4, ST8 -> {
                        x = st[--n];
                        int size = switch (ops[pc]) {
                            case ST1 -> 1;
                            case ST2 -> 2;
                            case ST4 -> 4;
                            default -> 8;
                        };
                        bus.store(st[n - 1], size, x);
                        st[n - 1] = x;
                    }
                    case COPY -> {
                        long src = st[--n];
                        long dst = st[n - 1];
                        copy(dst, src, (int) as[pc]);
                    }
                    case ZERO -> zero(st[--n], (int) as[pc]);
                    case DUP -> {
                        st[n] = st[n - 1];
                        n++;
                    }
                    case DROP -> n--;
                    case SWAP -> {
                        x = st[n - 1];
                        st[n - 1] = st[n - 2];
                        st[n - 2] = x;
                    }
                    case ADD -> { y = st[--n]; st[n - 1] += y; }
                    case SUB -> { y = st[--n]; st[n - 1] -= y; }
                    case MUL -> { y = st[--n]; st[n - 1] *= y; }
                    case DIVS -> { y = st[--n]; divCheck(y); st[n - 1] = st[n - 1] / y; }
                    case DIVU -> { y = st[--n]; divCheck(y); st[n - 1] = Long.divideUnsigned(st[n - 1], y); }
                    case REMS -> { y = st[--n]; divCheck(y); st[n - 1] = st[n - 1] % y; }
                    case REMU -> { y = st[--n]; divCheck(y); st[n - 1] = Long.remainderUnsigned(st[n - 1], y); }
                    case AND -> { y = st[--n]; st[n - 1] &= y; }
                    case OR -> { y = st[--n]; st[n - 1] |= y; }
                    case XOR -> { y = st[--n]; st[n - 1] ^= y; }
                    case SHL -> { y = st[--n]; st[n - 1] <<= y; }
                    case SHRS -> { y = st[--n]; st[n - 1] >>= y; }
                    case SHRU -> { y = st[--n]; st[n - 1] >>>= y; }
                    case EQ -> { y = st[--n]; st[n - 1] = st[n - 1] == y ? 1 : 0; }
                    case NE -> { y = st[--n]; st[n - 1] = st[n - 1] != y ? 1 : 0; }
                    case LTS -> { y = st[--n]; st[n - 1] = st[n - 1] < y ? 1 : 0; }
                    case LTU -> { y = st[--n]; st[n - 1] = Long.compareUnsigned(st[n - 1], y) < 0 ? 1 : 0; }
                    case LES -> { y = st[--n]; st[n - 1] = st[n - 1] <= y ? 1 : 0; }
                    case LEU -> { y = st[--n]; st[n - 1] = Long.compareUnsigned(st[n - 1], y) <= 0 ? 1 : 0; }
                    case GTS -> { y = st[--n]; st[n - 1] = st[n - 1] > y ? 1 : 0; }
                    case GTU -> { y = st[--n]; st[n - 1] = Long.compareUnsigned(st[n - 1], y) > 0 ? 1 : 0; }
                    case GES -> { y = st[--n]; st[n - 1] = st[n - 1] >= y ? 1 : 0; }
                    case GEU -> { y = st[--n]; st[n - 1] = Long.compareUnsigned(st[n - 1], y) >= 0 ? 1 : 0; }
                    case NEG -> st[n - 1] = -st[n - 1];
                    case NOT -> st[n - 1] = ~st[n - 1];
                    case LNOT -> st[n - 1] = st[n - 1] == 0 ? 1 : 0;
                    case SEXT -> {
                        int bits = (int) as[pc];
                        st[n - 1] = bits >= 64 ? st[n - 1] : (st[n - 1] << (64 - bits)) >> (64 - bits);
                    }
                    case ZEXT -> {
                        int bits = (int) as[pc];
                        if (bits == 1) {
                            st[n - 1] = st[n - 1] != 0 ? 1 : 0;
                        } else if (bits < 64) {
                            st[n - 1] &= (1L << bits) - 1;
                        }
                    }
                    case JMP -> {
                        int target = (int) as[pc];
                        tier = target <= pc && Tier.heat(c) != null;
                        pc = target;
                        continue;
                    }
                    case JZ -> {
                        if (st[--n] == 0) {
                            int target = (int) as[pc];
                            tier = target <= pc && Tier.heat(c) != null;
                            pc = target;
                            continue;
                        }
                    }
                    case JNZ -> {
                        if (st[--n] != 0) {
                            int target = (int) as[pc];
                            tier = target <= pc && Tier.heat(c) != null;
                            pc = target;
                            continue;
                        }
                    }
                    case CALL, CALLI -> {
                        int argc = bs[pc];
                        long[] args = ks.args.length >= argc ? ks.args : (ks.args = new long[argc]);
                        n -= argc;
                        System.arraycopy(st, n, args, 0, argc);
                        long target = ops[pc] == CALL ? c.symbols[(int) as[pc]] : st[--n];
                        ks.pcs[ks.depth - 1] = pc;
                        ks.nops = n;
                        Code callee = natives.isNative(target) ? null : bus.fetch(target);
                        if (callee == null) {
                            if (!natives.isNative(target)) {
                                ks.instructions += budget - left;
                                return new Exit.Trapped(new Trap(Trap.Kind.INVALID_OPCODE, null, 0), target, null);
                            }
                            nativeAddr = target;
                            long r = natives.call(target, java.util.Arrays.copyOf(args, argc), ks);
                            nativeAddr = 0;
                            st = ks.operands;
                            if (ks.blocked) {
                                ks.blockedIn = target;
                                ks.pcs[ks.depth - 1] = pc + 1;
                                ks.instructions += budget - left;
                                return new Exit.Blocked();
                            }
                            st[n++] = r;
                            tier = c.compiled != null;
                        } else {
                            Exit overflow = enter(ks, callee, args, argc, c.rip(pc) + 5);
                            if (overflow != null) {
                                ks.instructions += budget - left;
                                return overflow;
                            }
                            c = callee;
                            ops = c.ops;
                            as = c.as;
                            bs = c.bs;
                            fp = ks.fps[ks.depth - 1];
                            n = ks.nops;
                            pc = 0;
                            tier = Tier.heat(c) != null;
                            continue;
                        }
                    }
                    case RET -> {
                        long r = st[--n];
                        int top = --ks.depth;
                        ks.sp = ks.entrySps[top];
                        n = ks.opBases[top];
                        ks.codes[top] = null;
                        if (top == ks.floor) {
                            ks.nops = n;
                            ks.instructions += budget - left;
                            ks.dropLazyCodes();
                            return new Exit.Returned(r);
                        }
                        st[n++] = r;
                        c = ks.codes[top - 1];
                        ops = c.ops;
                        as = c.as;
                        bs = c.bs;
                        fp = ks.fps[top - 1];
                        pc = ks.pcs[top - 1];
                        tier = c.compiled != null;
                    }
                    case VASTART -> st[n++] = ks.vaAreas[ks.depth - 1];
                    case TRAP -> throw new Trap(Trap.Kind.INVALID_OPCODE, null, (int) as[pc]);
                    case LINE -> { }
                }
                pc++;
            }
        } catch (PageFault pf) {
            ks.pcs[ks.depth - 1] = pc;
            ks.nops = n;
            ks.instructions += budget - left;
            return new Exit.Faulted(pf, nativeAddr != 0 ? nativeAddr : c.rip(pc),
                    nativeAddr != 0 ? natives.nameOf(nativeAddr) : null);
        } catch (Trap t) {
            ks.pcs[ks.depth - 1] = pc;
            ks.nops = n;
            ks.instructions += budget - left;
            return new Exit.Trapped(t, nativeAddr != 0 ? nativeAddr : c.rip(pc),
                    nativeAddr != 0 ? natives.nameOf(nativeAddr) : null);
        } catch (NestedExit e) {
            // A module function a native called stopped for good (an oops): its frames stay on the
            // stack above the native's caller, so the report's call trace shows both.
            ks.instructions += budget - left;
            return e.exit();
        } catch (RuntimeException e) {
            // Malformed code (a jump or symbol index out of range, an operand-stack underflow) or a
            // native given impossible arguments: the CPU raises #UD there instead of failing the server.
            ks.pcs[ks.depth - 1] = Math.max(0, Math.min(pc, c.ops.length - 1));
            ks.nops = Math.max(0, Math.min(n, KernelStack.MAX_OPERANDS));
            ks.instructions += budget - left;
            return new Exit.Trapped(new Trap(Trap.Kind.INVALID_OPCODE, null, 0),
                    nativeAddr != 0 ? nativeAddr : c.rip(ks.pcs[ks.depth - 1]),
                    nativeAddr != 0 ? natives.nameOf(nativeAddr) : null);
        }
    }

    /** ZERO: clears len bytes at dst, byte by byte (a fault stops at the first absent page). */
    void zero(long dst, int len) {
        for (int i = 0; i < len; i++) {
            bus.store(dst + i, 1, 0);
        }
    }

    private static void divCheck(long y) {
        if (y == 0) {
            throw new Trap(Trap.Kind.DIVIDE_ERROR, null, 0);
        }
    }

    void copy(long dst, long src, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            bus.store(dst + i, 8, bus.load(src + i, 8));
        }
        for (; i < len; i++) {
            bus.store(dst + i, 1, bus.load(src + i, 1));
        }
    }
}
