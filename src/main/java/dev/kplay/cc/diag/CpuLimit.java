package dev.kplay.cc.diag;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/*
 * The CPU time one compilation may take. Every phase whose work can grow faster than its input
 * (macro expansion, parsing, checking) ticks it per unit of work; every 4096 ticks the thread's
 * CPU time is compared with the deadline, and past it the compilation stops with Exceeded, which
 * kbuild turns into a fatal diagnostic. Per thread, so concurrent builds have their own budgets;
 * a thread with no budget set never stops.
 */

/** A per-thread CPU-time budget for the toolchain. */
public final class CpuLimit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<CpuLimit> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private int ticks;

    private CpuLimit(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Thrown by tick() once the budget is spent. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded() {
            super("compilation CPU budget spent", null, false, false);
        }
    }

    /** Gives the calling thread {@code nanos} of CPU time from now. */
    public static void start(long nanos) {
        CURRENT.set(new CpuLimit(cpuNow() + nanos));
    }

    /** Removes the calling thread's budget. */
    public static void stop() {
        CURRENT.remove();
    }

    /** One unit of work; throws Exceeded when the budget is spent. */
    public static void tick() {
        CpuLimit l = CURRENT.get();
        if (l != null && (++l.ticks & 4095) == 0 && cpuNow() > l.deadlineNanos) {
            throw new Exceeded();
        }
    }

    private static long cpuNow() {
        long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }
}
