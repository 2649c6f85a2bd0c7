package dev.kplay.vm;

/*
 * A task's kernel stack: THREAD_SIZE (16 KiB) of simulated memory plus the bookkeeping the CPU
 * needs to unwind it. Locals, the return address and the saved frame pointer of every frame live
 * in the simulated memory (so &local works and deep recursion runs into the guard page); which
 * function and instruction each frame is at lives in the parallel arrays below, which is the
 * information an unwinder would read back from the stack. Nothing here is on the Java stack, so a
 * task can stop anywhere (block, budget) and continue later.
 */

/** The frames of one task. */
public final class KernelStack {
    /** THREAD_SIZE on x86-64 with KASAN off. */
    public static final int THREAD_SIZE = 16 * 1024;
    static final int MAX_FRAMES = THREAD_SIZE / 16;
    static final int MAX_OPERANDS = 4096;
    private static final int INITIAL_FRAMES = 4;
    private static final int INITIAL_OPERANDS = 16;

    /** Lowest address of the stack area; the stack grows down from base + THREAD_SIZE. */
    private final long base;

    // Frame i (0 = bottom): code, instruction index, frame pointer, operand-stack base, sp on entry.
    // The arrays start small and double as frames are pushed (up to MAX_FRAMES): most tasks never
    // run module code, and a session should cost little while it waits.
    Code[] codes = new Code[INITIAL_FRAMES];
    int[] pcs = new int[INITIAL_FRAMES];
    long[] fps = new long[INITIAL_FRAMES];
    int[] opBases = new int[INITIAL_FRAMES];
    long[] entrySps = new long[INITIAL_FRAMES];
    long[] vaAreas = new long[INITIAL_FRAMES];
    int depth;
    /**
     * The depth whose frame's return ends Cpu.run with Returned: 0 for a call from a syscall, the
     * depth at the time of the call for a module function called from inside a native (see
     * {@link #enterNested}).
     */
    int floor;

    /** The operand stacks of all frames; grows (up to MAX_OPERANDS) as Cpu needs room. */
    long[] operands = new long[INITIAL_OPERANDS];
    int nops;

    /** Current stack pointer (lowest used byte); base + THREAD_SIZE when empty. */
    long sp;
    /** Instructions executed on this stack since it was created. */
    long instructions;
    boolean blocked;

    // Registers the compiled tier passes between its frames and the interpreter (see Compiled).
    /** Instructions left in the current run's budget while compiled code runs. */
    long left;
    /** The value a compiled frame or native returned. */
    long retval;
    /** What a compiled frame threw (page fault, trap), at the top frame's pc. */
    RuntimeException thrown;
    /** The native being called from compiled code, for the RIP of a fault inside it; 0 otherwise. */
    long nativeAddr;
    /** How a run ends when compiled code stops it for a reason of the interpreter's (overflow, bad call). */
    Exit pending;
    /**
     * The depth from which a call from compiled code goes through the interpreter instead of nesting
     * on the Java stack: the depth when TierCalls.runCompiled started plus Tier.MAX_JAVA_DEPTH (each compiled
     * frame on the Java stack is one frame pushed since).
     */
    int javaLimit;
    /** The page of the last frame a direct call pushed, its page number and the bus epoch it was found in (see Frames.directFrame). */
    byte[] page;
    long pagePfn = -1;
    int pageEpoch;
    /**
     * Arguments of the call being made (copied into the callee's frame at once, so one buffer serves all
     * calls); grown by the first call that needs more (most stacks never call).
     */
    long[] args = NO_ARGS;
    private static final long[] NO_ARGS = {};

    /** Where an empty stack's pointer is. */
    private final long top;

    /**
     * What a kernel stack holds above the first frame kplay runs on it: the pt_regs of the entry
     * (168 bytes) and the frames of the kernel functions that called the module (entry_SYSCALL_64,
     * do_syscall_64, ksys_write, vfs_write, proc_reg_write...), some 0x200 bytes on the oracle's 6.1.
     * A module function's frame is therefore that far below the stack's end, as on Linux: a buffer
     * overrun there runs into those frames, not off the stack, and a recursion has that much less
     * room before the guard page.
     */
    static final int ENTRY_FRAMES = 0x200;

    /** A task's kernel stack of THREAD_SIZE bytes from base. */
    public KernelStack(long base) {
        this(base, base + THREAD_SIZE - ENTRY_FRAMES, base + THREAD_SIZE - ENTRY_FRAMES);
    }

    /**
     * A stack over [base, top) whose first frame goes below {@code sp} (a user program's stack:
     * argv, envp and the auxiliary vector sit between sp and top, put there by execve); an emptied
     * stack's pointer is top.
     */
    public KernelStack(long base, long top, long sp) {
        this.base = base;
        this.top = top;
        this.sp = sp;
    }

    public long base() { return base; }

    /** The stack pointer (RSP). */
    public long sp() { return sp; }

    public int depth() { return depth; }

    public long instructions() { return instructions; }

    /** The code of frame i counted from the top (0 = innermost). */
    public Code frameCode(int fromTop) { return codes[depth - 1 - fromTop]; }

    /** The instruction index of frame i from the top; for callers, the call instruction. */
    public int framePc(int fromTop) { return pcs[depth - 1 - fromTop]; }

    /**
     * Whether Linux's unwinder would find frame i (from the top): not a header's static inline
     * function (gcc compiled it into its caller), and not a function stopped at a call gcc made a
     * sibling call (a jump: its frame is gone while the callee runs). A call in tail position to an
     * inline function is a sibling call only if the inline function's own call is one, as its code
     * is then the caller's tail.
     */
    public boolean frameShown(int fromTop) {
        if (frameCode(fromTop).inlined()) {
            return false;
        }
        for (int i = fromTop; frameCode(i).tailCallAt(framePc(i)); i--) {
            if (i == 0 || !frameCode(i - 1).inlined()) {
                return false;
            }
        }
        return true;
    }

    /** A native asks to sleep: the CPU stops after the call returns and the task keeps its frames. */
    public void block() { blocked = true; }

    public boolean isBlocked() { return blocked; }

    /** The address of the native the task is blocked in (set when it blocks), 0 if none. */
    long blockedIn;

    /** The native the task sleeps in (its frame tops /proc/PID/stack), 0 if it is not blocked in one. */
    public long blockedIn() { return blocked ? blockedIn : 0; }

    /** Wakes a blocked task: {@code value} becomes the blocked native call's result. */
    public void resume(long value) {
        if (!blocked) {
            throw new IllegalStateException("resume of a task that is not blocked");
        }
        blocked = false;
        operands[nops++] = value;
    }

    /**
     * A native is about to call a module function and wait for it (probe from
     * platform_driver_register, a constructor from kmem_cache_alloc): the frame pushed next returns
     * to the native instead of to the module code below. Returns the previous floor for
     * {@link #leaveNested}.
     */
    public int enterNested() {
        int old = floor;
        floor = depth;
        return old;
    }

    /** The nested call returned: frames below belong to the run that called the native again. */
    public void leaveNested(int oldFloor) {
        floor = oldFloor;
    }

    /** Doubles the frame arrays (the caller checked depth against MAX_FRAMES). */
    void growFrames() {
        int cap = Math.min(MAX_FRAMES, codes.length * 2);
        codes = java.util.Arrays.copyOf(codes, cap);
        pcs = java.util.Arrays.copyOf(pcs, cap);
        fps = java.util.Arrays.copyOf(fps, cap);
        opBases = java.util.Arrays.copyOf(opBases, cap);
        entrySps = java.util.Arrays.copyOf(entrySps, cap);
        vaAreas = java.util.Arrays.copyOf(vaAreas, cap);
    }

    /** Makes room for at least {@code need} operands (at most MAX_OPERANDS); returns the array. */
    long[] growOperands(int need) {
        int cap = operands.length;
        while (cap < need && cap < MAX_OPERANDS) {
            cap *= 2;
        }
        if (cap != operands.length) {
            operands = java.util.Arrays.copyOf(operands, Math.min(cap, MAX_OPERANDS));
        }
        return operands;
    }

    /**
     * Forgets the code of the frames above the top: a lazy frame of the compiling tier (see
     * Compiled) writes its code there and returns without clearing it, and an unloaded module's
     * code should not stay reachable from a task that once ran it.
     */
    void dropLazyCodes() {
        java.util.Arrays.fill(codes, depth, codes.length, null);
    }

    /** Drops every frame (the task died or its call was abandoned). */
    public void reset() {
        java.util.Arrays.fill(codes, null);
        depth = 0;
        floor = 0;
        nops = 0;
        blocked = false;
        sp = top;
    }
}
