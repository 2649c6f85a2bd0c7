package dev.kplay.vm;

/*
 * Why Cpu.run stopped. The kernel decides what each means for the task: a return completes the
 * kernel-initiated call, a fault or trap becomes an oops, running out of budget feeds the
 * soft-lockup watchdog, a block leaves the task asleep with its frames intact.
 */

/** The outcome of one {@link Cpu#run} slice. */
public sealed interface Exit {
    /** The bottom frame returned this value; the stack is empty again. */
    record Returned(long value) implements Exit {}

    /**
     * A page fault. {@code rip} is where it happened: module code (frames intact, the faulting frame
     * on top) or a native ({@code nativeName} non-null, called from the top frame).
     */
    record Faulted(PageFault fault, long rip, String nativeName) implements Exit {}

    /** An invalid opcode or divide error at rip (nativeName non-null if inside a native). */
    record Trapped(Trap trap, long rip, String nativeName) implements Exit {}

    /** A call would have pushed the stack pointer below the stack's base (guard page at {@code address}). */
    record StackOverflow(long address, long rip) implements Exit {}

    /** The instruction budget ran out; the task can be run again later. */
    record OutOfBudget() implements Exit {}

    /** A native put the task to sleep; resume with {@link KernelStack#resume(long)}. */
    record Blocked() implements Exit {}
}
