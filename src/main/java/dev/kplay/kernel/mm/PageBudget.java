package dev.kplay.kernel.mm;

import java.util.concurrent.atomic.AtomicLong;

/*
 * The server's physical memory as every kernel on it sees it: one pool shared by all sessions,
 * sized from the JVM heap. kmalloc reserves from it (a request the pool cannot cover fails the way
 * a machine out of RAM fails it: NULL and warn_alloc's report), and each page a kernel actually
 * writes is counted as backed, so what the heap holds is known at any time. A kernel gives back
 * everything it holds when it is torn down (reboot, end of session, parking).
 *
 * Thread-safe: many kernels on many threads charge the same pool.
 */

/** Kernel memory shared by all sessions of a server. */
public final class PageBudget {
    private final long limitBytes;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong backedPages = new AtomicLong();

    public PageBudget(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A pool with no limit (tests and tools; still counts). */
    public static PageBudget unlimited() {
        return new PageBudget(Long.MAX_VALUE);
    }

    /** Reserves {@code bytes}; false (and nothing reserved) if the pool cannot cover them. */
    public boolean charge(long bytes) {
        while (true) {
            long now = reserved.get();
            if (now + bytes > limitBytes || now + bytes < 0) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes reserved by {@link #charge}. */
    public void uncharge(long bytes) {
        reserved.addAndGet(-bytes);
    }

    void pagesBacked(long n) {
        backedPages.addAndGet(n);
    }

    public long limitBytes() { return limitBytes; }

    /** Bytes reserved by kmalloc on all kernels. */
    public long reservedBytes() { return reserved.get(); }

    /** Bytes of pages written on all kernels (what the heap holds for kernel memory). */
    public long backedBytes() { return backedPages.get() * Layout.PAGE_SIZE; }
}
