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
 * @param instructionsPerSlice instructions the kernel runs for one request (one syscall, or one
 *                             stretch of idle time) before it hands the CPU back still running
 * @param nanosPerInstruction  virtual time one VM instruction costs: 25 ns (a 40 MIPS CPU) keeps a
 *                             module doing ~0.1 s of native work well under the 20 s soft-lockup
 *                             threshold, while a runaway loop reaches it within one request
 */
public record KernelConfig(long memoryBytes, int maxTasks, int logBufferBytes, long instructionsPerSlice,
                           long nanosPerInstruction) {

    /** The defaults a browser session gets. */
    public static KernelConfig defaults() {
        return new KernelConfig(64L << 20, 256, 1 << 17, 1_000_000_000L, 25L);
    }
}
