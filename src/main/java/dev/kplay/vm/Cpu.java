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
 * same instruction counts and the same faults.
 */

/** The CPU. Stateless between runs apart from what it is given. */
public final class Cpu {
    /** Little-endian views of a page for the frame pushes of enter (as AddressSpace stores them). */
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    final Bus bus;
    private final Natives natives;

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
    private Exit enter(KernelStack ks, Code code, long[] args, int argc, long returnAddress) {
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
        LONG.set(page, top - 8, returnAddress);
        LONG.set(page, top - 16, d == 0 ? 0 : ks.fps[d - 1]);
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
            case 1 -> page[at] = (byte) value;
            case 2 -> SHORT.set(page, at, (short) value);
            case 4 -> INT.set(page, at, (int) value);
            case 8 -> LONG.set(page, at, value);
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
                        Exit e = runCompiled(ks, budget);
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

    /**
     * Runs compiled frames while the top frame has compiled code. Returns null when the interpreter
     * should continue the top frame (ks holds its state), or the exit that ends the run.
     */
    private Exit runCompiled(KernelStack ks, long budget) {
        while (true) {
            int d = ks.depth - 1;
            Code c = ks.codes[d];
            Compiled k = c.compiled;
            if (k == null || ks.opBases[d] + k.maxDepth >= KernelStack.MAX_OPERANDS - 16) {
                return null;
            }
            ks.growOperands(ks.opBases[d] + k.maxDepth + 16);
            ks.javaLimit = ks.depth + Tier.MAX_JAVA_DEPTH;
            int status = k.run(this, ks, c, ks.pcs[d], 0, 0, 0, 0, 0, 0, 0, 0);
            switch (status) {
                case Compiled.INTERPRET -> {
                    if (ks.depth - 1 <= d) {
                        return null;
                    }
                }
                case Compiled.RETURNED -> {
                    if (ks.depth == ks.floor) {
                        ks.instructions += budget - ks.left;
                        ks.dropLazyCodes();
                        return new Exit.Returned(ks.retval);
                    }
                    ks.operands[ks.nops++] = ks.retval;
                    ks.pcs[ks.depth - 1]++;
                }
                case Compiled.BLOCKED -> {
                    ks.instructions += budget - ks.left;
                    return new Exit.Blocked();
                }
                case Compiled.THROWN -> {
                    ks.instructions += budget - ks.left;
                    return thrown(ks);
                }
                default -> {
                    ks.instructions += budget - ks.left;
                    Exit e = ks.pending;
                    ks.pending = null;
                    return e;
                }
            }
        }
    }

    /** The exit for what compiled code threw at the top frame's pc (or inside the native it called). */
    private Exit thrown(KernelStack ks) {
        RuntimeException t = ks.thrown;
        long nat = ks.nativeAddr;
        ks.thrown = null;
        ks.nativeAddr = 0;
        long rip = nat != 0 ? nat : ks.codes[ks.depth - 1].rip(ks.pcs[ks.depth - 1]);
        String name = nat != 0 ? natives.nameOf(nat) : null;
        if (t instanceof NestedExit e) {
            return e.exit();
        }
        if (t instanceof PageFault pf) {
            return new Exit.Faulted(pf, rip, name);
        }
        if (t instanceof Trap trap) {
            return new Exit.Trapped(trap, rip, name);
        }
        return new Exit.Trapped(new Trap(Trap.Kind.INVALID_OPCODE, null, 0), rip, name);
    }

    /** The argument buffer of a call from compiled code with argc arguments. */
    long[] argBuffer(KernelStack ks, int argc) {
        return ks.args.length >= argc ? ks.args : (ks.args = new long[argc]);
    }

    /**
     * A call from compiled code, made as the interpreter's CALL makes it: the caller has set its pc
     * (the call) and the operand count after popping the arguments. Returns RETURNED with the
     * result in ks.retval; ENTER when the callee's frame is pushed and it has compiled code
     * (the top frame's Code.compiled), which the caller then runs from its own call site, so that each
     * site's JVM type profile sees the one function it calls; or the status that stops the caller
     * (see Compiled).
     */
    int invoke(KernelStack ks, Code caller, int pc, long target, long[] args, int argc) {
        if (natives.isNative(target)) {
            // A native may run module code on this stack itself (a slab constructor, say): that run
            // uses these registers too, so they are put back as this frame left them.
            long left = ks.left;
            int javaLimit = ks.javaLimit;
            ks.nativeAddr = target;
            long r;
            try {
                r = natives.call(target, java.util.Arrays.copyOf(args, argc), ks);
            } finally {
                ks.left = left;
                ks.javaLimit = javaLimit;
                ks.nativeAddr = target;
            }
            ks.nativeAddr = 0;
            if (ks.blocked) {
                ks.blockedIn = target;
                ks.pcs[ks.depth - 1] = pc + 1;
                return Compiled.BLOCKED;
            }
            ks.retval = r;
            return Compiled.RETURNED;
        }
        Code callee = bus.fetch(target);
        if (callee == null) {
            ks.pending = new Exit.Trapped(new Trap(Trap.Kind.INVALID_OPCODE, null, 0), target, null);
            return Compiled.EXITED;
        }
        Exit overflow = enter(ks, callee, args, argc, caller.rip(pc) + 5);
        if (overflow != null) {
            ks.pending = overflow;
            return Compiled.EXITED;
        }
        Compiled k = Tier.heat(callee);
        if (k == null || ks.depth > ks.javaLimit || ks.nops + k.maxDepth >= KernelStack.MAX_OPERANDS - 16) {
            return Compiled.INTERPRET;
        }
        ks.growOperands(ks.nops + k.maxDepth + 16);
        return Compiled.ENTER;
    }

    /**
     * The callee of call site {@code site} of compiled code {@code caller}, a call of target with
     * argc arguments, if compiled code may call it directly (see Compiled.CALL), else null (the
     * call then goes through invoke). Faults as the call's fetch would. The answer is kept per site
     * while the bus epoch stays the same (it then depends on nothing else: a function's compiled
     * code, once there, stays).
     */
    Code directCallee(Code caller, int site, long target, int argc) {
        long[] targets = caller.siteTargets;
        int e = bus.epoch();
        if (targets != null && targets[site] == target && caller.siteEpochs[site] == e && e != -1) {
            return caller.siteCallees[site];
        }
        return findDirectCallee(caller, site, target, argc, e);
    }

    /** directCallee when the site has no answer for this target and epoch (kept apart so the check above stays small enough to inline). */
    private Code findDirectCallee(Code caller, int site, long target, int argc, int e) {
        long[] targets = caller.siteTargets;
        if (natives.isNative(target)) {
            return null;
        }
        Code c = bus.fetch(target);
        if (c == null || c.compiled == null || !c.direct || argc < c.paramOffsets.length) {
            return null;
        }
        if (targets == null) {
            caller.siteTargets = targets = new long[caller.callSites];
            caller.siteCallees = new Code[caller.callSites];
            caller.siteEpochs = new int[caller.callSites];
        }
        targets[site] = target;
        caller.siteCallees[site] = c;
        caller.siteEpochs[site] = e;
        return c;
    }

    /**
     * A direct call's frame, pushed by the callee's compiled code (entry Compiled.CALL) with the
     * same stores into the stack as enter(): the page where the new frame of frameSize bytes,
     * frame d below the caller's at callerFp with its operands from base up to base + room, goes
     * when it lies in one page at hand and the frame arrays, the operand stack and the Java stack
     * have room; else null (nothing changed), and the call goes through invoke instead. The
     * callee's translation passes its own frameSize and room (maxDepth + 16) as constants.
     */
    static byte[] directFrame(Cpu cpu, KernelStack ks, long callerFp, int d, int base, int frameSize, int room) {
        long fp = callerFp - 16 - frameSize;
        if (d >= ks.codes.length || fp < ks.base() || d >= ks.javaLimit || base + room > ks.operands.length) {
            return null;
        }
        int len = 16 + frameSize;
        if (fp >>> 12 == ks.pagePfn && (int) (fp & (Bus.PAGE_SIZE - 1)) + len <= Bus.PAGE_SIZE
                && ks.pageEpoch == cpu.bus.epoch()) {
            return ks.page;
        }
        byte[] page = cpu.bus.writableBytes(fp, len);
        if (page != null) {
            ks.page = page;
            ks.pagePfn = fp >>> 12;
            ks.pageEpoch = cpu.bus.epoch();
        }
        return page;
    }

    /**
     * Pushes code's frame d (frameSize bytes) in the page directFrame gave: the return address and the saved frame
     * pointer (the caller's); returns the new frame pointer. The frame is lazy (see Compiled): of
     * its KernelStack entry only the code is written. The compiled callee then stores its
     * parameters (put1..put8).
     */
    static long linkFrame(KernelStack ks, Code code, byte[] page, long ret, long callerFp, int d, int frameSize) {
        long fp = callerFp - 16 - frameSize;
        int top = (int) (fp & (Bus.PAGE_SIZE - 1)) + 16 + frameSize;
        LONG.set(page, top - 8, ret);
        LONG.set(page, top - 16, callerFp);
        ks.codes[d] = code;
        return fp;
    }

    /**
     * Writes the KernelStack entries of the lazy frames up to frame d (code's, at fp with its
     * operands from base), so that ks describes every frame as the interpreter would have pushed
     * them; nothing to do if frame d's entry is written already. The caller sets frame d's pc
     * and ks.nops.
     */
    static void materialise(KernelStack ks, Code code, int d, long fp, int base) {
        int written = ks.depth;
        if (written > d) {
            return;
        }
        ks.depth = d + 1;
        ks.sp = fp;
        Code c = code;
        for (int k = d; ; k--) {
            long entrySp = fp + 16 + c.frameSize;
            ks.codes[k] = c;
            ks.fps[k] = fp;
            ks.opBases[k] = base;
            ks.entrySps[k] = entrySp;
            ks.vaAreas[k] = entrySp;
            if (k == written) {
                return;
            }
            // the caller: its frame starts where this one's return address ends, its operands
            // below the ones it left at the call
            c = ks.codes[k - 1];
            int pc = ks.pcs[k - 1];
            base -= c.compiled.depth[pc] - c.bs[pc] - (c.ops[pc] == CALLI ? 1 : 0);
            fp = entrySp;
        }
    }

    /** VASTART of compiled frame d at fp: a lazy frame is never variadic, so its va_list area is where its caller's sp was. */
    static long vaArea(KernelStack ks, Code code, int d, long fp) {
        return ks.depth > d ? ks.vaAreas[d] : fp + 16 + code.frameSize;
    }

    /** RET of a compiled frame d: pops its KernelStack entry if it has one (lazy frames have none). */
    static void leave(KernelStack ks, int d) {
        if (ks.depth > d) {
            int top = --ks.depth;
            ks.sp = ks.entrySps[top];
            ks.nops = ks.opBases[top];
            ks.codes[top] = null;
        }
    }

    // A parameter's store into the page of a frame that linkFrame pushed, at byte offset at.

    static void put1(byte[] page, int at, long value) { page[at] = (byte) value; }

    static void put2(byte[] page, int at, long value) { SHORT.set(page, at, (short) value); }

    static void put4(byte[] page, int at, long value) { INT.set(page, at, (int) value); }

    static void put8(byte[] page, int at, long value) { LONG.set(page, at, value); }

    // Loads from a page compiled code holds (zero-extended, as Bus.load1..load8 give them).

    static long get1(byte[] page, int at) { return page[at] & 0xffL; }

    static long get2(byte[] page, int at) { return (short) SHORT.get(page, at) & 0xffffL; }

    static long get4(byte[] page, int at) { return (int) INT.get(page, at) & 0xffffffffL; }

    static long get8(byte[] page, int at) { return (long) LONG.get(page, at); }

    /** The page number compiled code keeps with a page it holds: addr's, or -1 for none. */
    static long pfnOf(byte[] page, long addr) { return page == null ? -1 : addr >>> 12; }

    /** The code of the top frame (the callee Cpu.invoke just entered, with ENTER). */
    static Code top(KernelStack ks) {
        return ks.codes[ks.depth - 1];
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
