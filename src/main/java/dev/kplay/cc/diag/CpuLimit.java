package dev.kplay.cc.diag;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/*
 * The CPU time one compilation may take. Every phase whose work can grow faster than its input
 * (macro expansion, parsing, checking) ticks it per unit of work; every 4096 ticks the thread's
 * CPU time is compared with the deadline, and past it the compilation stops with Exceeded, which
 * kbuild turns into a fatal diagnostic. Per thread, so concurrent builds have their own budgets;
 * a thread with no budget set never stops.
 *
 * The same 4096th tick is the server's slice point for a build (see session.SessionScheduler): a
 * compilation started on a thread that has one (the scheduler's job, or a thread the job started
 * and handed it to with inherit()) runs it there, and it may park the thread until the build's
 * session gets a CPU again. Parked time is no CPU time, so the limit is as strict as before. A
 * compilation with no budget (libc's, compiled once for the whole server under a lock) never
 * reaches the slice point, so it never parks holding that lock.
 */

/** A per-thread CPU-time budget for the toolchain, and the point where a build gives its CPU back. */
public final class CpuLimit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<CpuLimit> CURRENT = new ThreadLocal<>();
    /** The slice point of the job this thread runs (or was started for); null: none. */
    private static final ThreadLocal<Runnable> SLICE_POINT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final Runnable slicePoint;
    private int ticks;

    private CpuLimit(long deadlineNanos, Runnable slicePoint) {
        this.deadlineNanos = deadlineNanos;
        this.slicePoint = slicePoint;
    }

    /** Thrown by tick() once the budget is spent. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded() {
            super("compilation CPU budget spent", null, false, false);
        }
    }

    /** Gives the calling thread {@code nanos} of CPU time from now. */
    public static void start(long nanos) {
        CURRENT.set(new CpuLimit(cpuNow() + nanos, SLICE_POINT.get()));
    }

    /** Removes the calling thread's budget. */
    public static void stop() {
        CURRENT.remove();
    }

    /** One unit of work; throws Exceeded when the budget is spent. */
    public static void tick() {
        CpuLimit l = CURRENT.get();
        if (l != null && (++l.ticks & 4095) == 0) {
            if (cpuNow() > l.deadlineNanos) {
                throw new Exceeded();
            }
            if (l.slicePoint != null) {
                l.slicePoint.run();
            }
        }
    }

    /** Whether the calling thread is compiling within a budget (a build, not a kernel, is at the slice point). */
    public static boolean compiling() {
        return CURRENT.get() != null;
    }

    /** Sets the slice point for the budgets started on the calling thread from now (null: none). */
    public static void slicePoint(Runnable p) {
        if (p == null) {
            SLICE_POINT.remove();
        } else {
            SLICE_POINT.set(p);
        }
    }

    /** {@code work} with the calling thread's slice point, to run on a thread it starts for the same job. */
    public static Runnable inherit(Runnable work) {
        Runnable p = SLICE_POINT.get();
        return p == null ? work : () -> {
            slicePoint(p);
            try {
                work.run();
            } finally {
                slicePoint(null);
            }
        };
    }

    private static long cpuNow() {
        long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }
}
