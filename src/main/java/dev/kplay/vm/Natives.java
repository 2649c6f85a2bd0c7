package dev.kplay.vm;

/*
 * The CPU's view of the kernel's own functions: a call to an address in kernel text lands here,
 * as a call through the exported-symbol table does in Linux. The CPU knows nothing else of the
 * kernel; blocking and killing happen by the native setting the stack's state (see KernelStack).
 */

/** Calls exported kernel functions by address. */
public interface Natives {
    /** Whether addr is the entry of a kernel function this interface can call. */
    boolean isNative(long addr);

    /**
     * Calls the kernel function at addr with the given arguments on behalf of the task whose
     * stack is {@code stack}; returns its result (0 for void). May throw PageFault or Trap for a
     * fault inside the function; may call {@link KernelStack#block()} to put the task to sleep.
     */
    long call(long addr, long[] args, KernelStack stack);

    /** The name of the kernel function at addr (for the oops RIP when a native faults). */
    String nameOf(long addr);
}
