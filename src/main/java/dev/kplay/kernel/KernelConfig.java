package dev.kplay.kernel;

/*
 * The knobs of one simulated kernel: every resource a session may use is bounded here, so
 * untrusted module code can exhaust its own kernel but never the server.
 */

/**
 * Limits and tunables of a {@link Kernel}.
 *
 * @param memoryBytes          kernel memory a session may kmalloc/vmalloc in total
 * @param maxTasks             processes alive at once (fork fails with -EAGAIN past it)
 * @param logBufferBytes       size of the printk ring (oldest records are overwritten)
 * @param instructionsPerSlice instructions a task may run before the soft-lockup watchdog fires
 * @param nanosPerInstruction  virtual time one VM instruction costs
 */
public record KernelConfig(long memoryBytes, int maxTasks, int logBufferBytes, long instructionsPerSlice,
                           long nanosPerInstruction) {

    /** The defaults a browser session gets. */
    public static KernelConfig defaults() {
        return new KernelConfig(64L << 20, 256, 1 << 17, 200_000_000L, 1L);
    }
}
