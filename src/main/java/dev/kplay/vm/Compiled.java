package dev.kplay.vm;

/*
 * A module function translated to JVM bytecode by the Translator (one hidden class per distinct
 * function body, shared by every session that loads the same code). It runs one frame of a task's
 * KernelStack the way Cpu.run would, and hands the frame back in the interpreter's own terms: the
 * instruction index, the operand stack and the frame's memory are exactly what the interpreter
 * would have at that point, so the interpreter can always take over.
 *
 * The contract with Cpu: on entry ks.left is the remaining budget and the top frame is this
 * function's, at an entry point of its CodeShape with its operands in ks.operands; on return
 * ks.left is what is left, and the status says what happened.
 *
 * A frame that a direct call pushed (entry CALL) is lazy: it writes what real code could read
 * (the return address, saved frame pointer and arguments in the simulated stack) but not its
 * KernelStack entry, which only the CPU and the kernel read; ks.depth counts the frames whose
 * entries are written, and every lazy frame lies above them. Before anything can read the
 * entries (a call through TierCalls.invoke, which runs natives; any status other than RETURNED), the
 * top lazy frame writes the entries of all of them (Frames.materialise): each one's code and call
 * instruction are in ks.codes and ks.pcs already, and its frame pointer and operand-stack base
 * follow from the top one's by the frame sizes and the depths at the calls.
 */

/** Compiled code of one function. */
public abstract class Compiled {
    /** The top frame's state is in ks (pc, operands, memory): the interpreter continues it. */
    static final int INTERPRET = 0;
    /** The function returned: its frame is popped and the value is in ks.retval. */
    static final int RETURNED = 1;
    /** A native put the task to sleep; the frames are saved as the interpreter would save them. */
    static final int BLOCKED = 2;
    /** An exception (page fault, trap, bad native arguments) in ks.thrown, at the top frame's pc. */
    static final int THROWN = 3;
    /** The run ends with ks.pending (a stack overflow or a call of a non-code address). */
    static final int EXITED = 4;
    /** (TierCalls.invoke only) the callee's frame is pushed and it has compiled code: the caller runs it. */
    static final int ENTER = 5;
    /** (entry CALL only) the direct call cannot be made; nothing changed, the caller calls through TierCalls.invoke. */
    static final int NOT_DIRECT = 6;

    /** The entry of a direct call from compiled code: the function pushes its own frame from the arguments. */
    static final int CALL = -1;
    /** Arguments a direct call passes in JVM registers; a callee with more parameters is called through TierCalls.invoke. */
    static final int DIRECT_ARGS = 4;

    /** The deepest operand stack the function builds (the frame needs that much room in ks.operands). */
    int maxDepth;
    /** The operand-stack depth at each instruction (CodeShape.depth): where a call leaves its caller's operands. */
    int[] depth;

    /**
     * Runs the top frame of ks, which belongs to code, from the entry point entry; or, with entry
     * {@link #CALL}, first pushes code's frame as the interpreter's CALL would, with the arguments
     * a0..a3 and the return address ret (see Frames.directFrame), as the lazy frame d above the
     * caller's frame at callerFp, its operands from ks.operands[base], and runs it from its start.
     */
    abstract int run(Cpu cpu, KernelStack ks, Code code, int entry, long a0, long a1, long a2, long a3, long ret,
                     long callerFp, int d, int base);

    /** The divide error the CPU raises for a zero divisor. */
    static void divCheck(long y) {
        if (y == 0) {
            throw new Trap(Trap.Kind.DIVIDE_ERROR, null, 0);
        }
    }

    /** The #UD of a TRAP instruction (ud2) at source line. */
    static Trap trap(int line) {
        return new Trap(Trap.Kind.INVALID_OPCODE, null, line);
    }
}
