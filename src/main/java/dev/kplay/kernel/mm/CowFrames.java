package dev.kplay.kernel.mm;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * The read-only page frames every kernel on the server shares, each copied into a frame of the
 * address space's own at its first store (copy-on-write): the zero page, which every freshly
 * mapped page starts as (Linux's ZERO_PAGE for anonymous memory), and the frozen copies of the
 * pages a boot writes, identical on every kernel of one image (the idea of KSM, mm/ksm.c, applied
 * once at the end of boot rather than by a scanner). A read-only frame is one byte longer than a
 * page, so the store path of AddressSpace tells it apart by its length alone, without a lookup on
 * the hot path. Split out of AddressSpace: this is the part shared across sessions (static, so
 * thread-safe), the rest belongs to one kernel.
 */

/** The zero page and the frozen boot pages: read-only frames shared by all kernels. */
final class CowFrames {
    private CowFrames() {
    }

    /**
     * The zero page: every freshly mapped page is this one frame, shared by all address spaces and
     * never written; the first store to such a page gives it a frame of its own (copy-on-write, as
     * anonymous memory works in Linux). So an idle session's stacks and buffers cost no memory.
     */
    static final byte[] ZERO_PAGE = new byte[(int) Layout.PAGE_SIZE + 1];

    /**
     * Frozen boot pages by page frame number, shared by every kernel whose boot wrote the same bytes
     * there: a few versions per frame (the page as the kernel's boot left it, and as the session's
     * start left it: its ~/linux files written, its shell up), at most MAX_FROZEN pages in all.
     */
    private static final ConcurrentHashMap<Long, byte[][]> FROZEN = new ConcurrentHashMap<>();
    private static final int MAX_FROZEN = 1024;
    private static final int MAX_VERSIONS = 4;
    private static final AtomicInteger FROZEN_PAGES = new AtomicInteger();

    /** Whether a store may write frame p in place (not the zero page, not a frozen page). */
    static boolean writable(byte[] p) {
        return p.length == Layout.PAGE_SIZE;
    }

    /**
     * The frozen copy of frame pfn with p's bytes: the one that exists, or a new version made from
     * p while the limits allow; null if there is none (p then stays the kernel's own).
     */
    static byte[] freeze(long pfn, byte[] p) {
        byte[] frozen = frozenCopy(pfn, p);
        if (frozen != null) {
            return frozen;
        }
        return FROZEN.compute(pfn, (k, versions) -> {
            int n = versions == null ? 0 : versions.length;
            if (n >= MAX_VERSIONS || frozenCopy(versions, p) != null || FROZEN_PAGES.get() >= MAX_FROZEN) {
                return versions;
            }
            FROZEN_PAGES.incrementAndGet();
            byte[][] more = versions == null ? new byte[1][] : Arrays.copyOf(versions, n + 1);
            more[n] = Arrays.copyOf(p, (int) Layout.PAGE_SIZE + 1);
            return more;
        }) == null ? null : frozenCopy(pfn, p);
    }

    /** The frozen version of frame pfn with p's bytes, or null. */
    private static byte[] frozenCopy(long pfn, byte[] p) {
        return frozenCopy(FROZEN.get(pfn), p);
    }

    private static byte[] frozenCopy(byte[][] versions, byte[] p) {
        if (versions != null) {
            for (byte[] v : versions) {
                if (Arrays.equals(p, 0, p.length, v, 0, p.length)) {
                    return v;
                }
            }
        }
        return null;
    }
}
