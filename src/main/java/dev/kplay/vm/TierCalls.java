package dev.kplay.vm;

/*
 * The CPU's half of the compiling tier's protocol (see Compiled): running the compiled frames on
 * top of a KernelStack from the interpreter, and the calls compiled code makes through the CPU
 * (a native, a callee that is not compiled, the check whether a call site may call its callee
 * directly). Kept apart from the interpreter loop in Cpu, which only hands frames over.
 */

/** How compiled frames run and call through the CPU. */
final class TierCalls {
    private TierCalls() {}

    /**
     * Runs compiled frames while the top frame has compiled code. Returns null when the interpreter
     * should continue the top frame (ks holds its state), or the exit that ends the run.
     */
    static Exit runCompiled(Cpu cpu, KernelStack ks, long budget) {
        while (true) {
            int d = ks.depth - 1;
            Code c = ks.codes[d];
            Compiled k = c.compiled;
            if (k == null || ks.opBases[d] + k.maxDepth >= KernelStack.MAX_OPERANDS - 16) {
                return null;
            }
            ks.growOperands(ks.opBases[d] + k.maxDepth + 16);
            ks.javaLimit = ks.depth + Tier.MAX_JAVA_DEPTH;
            int status = k.run(cpu, ks, c, ks.pcs[d], 0, 0, 0, 0, 0, 0, 0, 0);
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
                    return thrown(cpu, ks);
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
    private static Exit thrown(Cpu cpu, KernelStack ks) {
        RuntimeException t = ks.thrown;
        long nat = ks.nativeAddr;
        ks.thrown = null;
        ks.nativeAddr = 0;
        long rip = nat != 0 ? nat : ks.codes[ks.depth - 1].rip(ks.pcs[ks.depth - 1]);
        String name = nat != 0 ? cpu.natives.nameOf(nat) : null;
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
    static long[] argBuffer(KernelStack ks, int argc) {
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
    static int invoke(Cpu cpu, KernelStack ks, Code caller, int pc, long target, long[] args, int argc) {
        if (cpu.natives.isNative(target)) {
            // A native may run module code on this stack itself (a slab constructor, say): that run
            // uses these registers too, so they are put back as this frame left them.
            long left = ks.left;
            int javaLimit = ks.javaLimit;
            ks.nativeAddr = target;
            long r;
            try {
                r = cpu.natives.call(target, java.util.Arrays.copyOf(args, argc), ks);
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
        Code callee = cpu.bus.fetch(target);
        if (callee == null) {
            ks.pending = new Exit.Trapped(new Trap(Trap.Kind.INVALID_OPCODE, null, 0), target, null);
            return Compiled.EXITED;
        }
        Exit overflow = cpu.enter(ks, callee, args, argc, caller.rip(pc) + 5);
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
    static Code directCallee(Cpu cpu, Code caller, int site, long target, int argc) {
        long[] targets = caller.siteTargets;
        int e = cpu.bus.epoch();
        if (targets != null && targets[site] == target && caller.siteEpochs[site] == e && e != -1) {
            return caller.siteCallees[site];
        }
        return findDirectCallee(cpu, caller, site, target, argc, e);
    }

    /** directCallee when the site has no answer for this target and epoch (kept apart so the check above stays small enough to inline). */
    private static Code findDirectCallee(Cpu cpu, Code caller, int site, long target, int argc, int e) {
        long[] targets = caller.siteTargets;
        if (cpu.natives.isNative(target)) {
            return null;
        }
        Code c = cpu.bus.fetch(target);
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
}
