package dev.kplay.kernel.mm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/*
 * kmalloc (mm/slab_common.c + SLUB, reduced to what a module can observe): requests are rounded up
 * to the kmalloc caches (8 ... 8192 bytes); each cache carves 4 KiB slabs of the direct map into
 * objects and reuses freed objects last-in first-out, as SLUB's per-cpu freelist does, so a
 * use-after-free reads the next owner's data instead of faulting. Bigger requests get whole pages
 * (kmalloc_large). Memory is zeroed on allocation (Debian: "heap alloc:on"). A per-session byte
 * limit stands in for running out of RAM: past it, allocation returns 0.
 *
 * Invariant: {@code sizes} maps every live object's address to its cache size; {@code used} is
 * the sum of those sizes.
 *
 * A cache's freelist is the objects freed (last freed on top) over the rest of its newest slab,
 * handed out upwards: the same order as a list of every object, without a boxed address for each
 * of the hundreds a fresh slab of small objects holds (most of an idle kernel's slab memory).
 */

/** The kmalloc allocator. */
public final class Slab {
    static final int[] CACHES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};
    /** KMALLOC_MAX_SIZE with SLUB on x86-64 (order 10 pages). */
    public static final long KMALLOC_MAX_SIZE = 4L << 20;

    private final AddressSpace memory;
    private final long limit;
    private final PageBudget budget;
    private long next = Layout.DIRECT_MAP + 0x2000000L;
    private long used;
    private final LongMap<Long> sizes = new LongMap<>();
    /**
     * Each slab of a kmalloc cache (up to 8192): its first address and the cache's object size, in
     * address order (slabs are carved upwards from next), so a binary search finds an address's slab.
     * Plain arrays: every idle session has a few dozen.
     */
    private long[] slabBases = new long[0];
    private int[] slabSizes = new int[0];
    private int slabCount;
    /** Freelists by cache size (up to 8192), made on first use. */
    private final Map<Integer, FreeList> free = new HashMap<>();

    /** A cache's freelist: freed objects on a stack, over the not yet used objects [carve, carveEnd) of its newest slab. */
    private static final class FreeList {
        private long[] freed = new long[4];
        private int top;
        private long carve;
        private long carveEnd;
        private final long size;

        FreeList(long size) {
            this.size = size;
        }

        boolean isEmpty() {
            return top == 0 && carve >= carveEnd;
        }

        /** The object the next allocation gets (0 if none). */
        long peek() {
            return top > 0 ? freed[top - 1] : carve < carveEnd ? carve : 0;
        }

        long pop() {
            if (top > 0) {
                return freed[--top];
            }
            long a = carve;
            carve += size;
            return a;
        }

        void push(long addr) {
            if (top == freed.length) {
                freed = Arrays.copyOf(freed, top * 2);
            }
            freed[top++] = addr;
        }

        /** A new slab whose objects after the first, [from, end), come next (upwards). */
        void carve(long from, long end) {
            carve = from;
            carveEnd = end;
        }
    }

    public Slab(AddressSpace memory, long limit) {
        this(memory, limit, PageBudget.unlimited());
    }

    /** A kmalloc whose objects are also reserved from the server-wide {@code budget}. */
    public Slab(AddressSpace memory, long limit, PageBudget budget) {
        this.memory = memory;
        this.limit = limit;
        this.budget = budget;
    }

    /** The cache size a request of n bytes uses, or the page-rounded size for large ones. */
    public static long cacheSize(long n) {
        for (int c : CACHES) {
            if (n <= c) {
                return c;
            }
        }
        return Layout.pageAlign(n);
    }

    /** Models __kmalloc(): a zeroed object of at least n bytes, or 0 (ZERO_SIZE_PTR for n == 0: 16). */
    public long kmalloc(long n) {
        if (n == 0) {
            return 16;
        }
        if (n < 0 || n > KMALLOC_MAX_SIZE) {
            return 0;
        }
        long size = cacheSize(n);
        if (used + size > limit || !budget.charge(size)) {
            return 0;
        }
        long addr;
        FreeList list = size <= 8192 ? free.computeIfAbsent((int) size, k -> new FreeList(size)) : null;
        if (list != null && !list.isEmpty()) {
            addr = list.pop();
        } else if (list != null) {
            long slab = Math.max(Layout.PAGE_SIZE, size);
            long base = next;
            next += slab;
            memory.map(base, slab);
            addSlab(base, (int) size);
            // objects at base, base+size, ... as long as one fits whole (4096 is no multiple of 96 or 192)
            list.carve(base + size, base + (slab / size) * size);
            addr = base;
        } else {
            addr = next;
            next += size + Layout.PAGE_SIZE;
            memory.map(addr, size);
        }
        memory.zero(addr, size);
        sizes.put(addr, size);
        used += size;
        return addr;
    }

    /** Models kfree(): frees a live object; NULL and ZERO_SIZE_PTR are ignored. Returns false for an unknown pointer. */
    public boolean kfree(long addr) {
        if (addr == 0 || addr == 16) {
            return true;
        }
        Long size = sizes.remove(addr);
        if (size == null) {
            return false;
        }
        used -= size;
        budget.uncharge(size);
        if (size <= 8192) {
            free.computeIfAbsent(size.intValue(), k -> new FreeList(size)).push(addr);
        } else {
            memory.unmap(addr, size);
        }
        return true;
    }

    /**
     * Models set_freepointer()'s check under CONFIG_SLAB_FREELIST_HARDENED (Debian sets it): an
     * object freed while it already is its cache's freelist head, i.e. freed twice in a row, is
     * "freed onto itself" and hits BUG_ON(object == fp) in mm/slub.c. An object freed longer ago
     * passes unnoticed, as on Linux.
     */
    public boolean freedOntoItself(long addr) {
        if (addr == 0 || addr == 16 || sizes.containsKey(addr)) {
            return false;
        }
        for (FreeList list : free.values()) {
            if (!list.isEmpty() && list.peek() == addr) {
                return true;
            }
        }
        return false;
    }

    /** Live kmalloc objects in the cache of that size (for /proc/slabinfo). */
    public long liveObjects(int cacheSize) {
        long n = 0;
        for (int i = 0; i < sizes.capacity(); i++) {
            Long v = sizes.valueAt(i);
            if (v != null && v == cacheSize) {
                n++;
            }
        }
        return n;
    }

    /** Counts bytes another allocator (vmalloc) takes against the limit; false if they do not fit. */
    public boolean charge(long bytes) {
        if (used + bytes > limit || !budget.charge(bytes)) {
            return false;
        }
        used += bytes;
        return true;
    }

    /** Returns bytes charged with {@link #charge}. */
    public void uncharge(long bytes) {
        used -= bytes;
        budget.uncharge(bytes);
    }

    /** Blocks from the page allocator, by address: their size in bytes. */
    private final Map<Long, Long> pageBlocks = new HashMap<>();

    /**
     * Models __get_free_pages(): 2^order zeroed, page-aligned pages of the direct map, or 0 when the
     * session's memory is used up or order is past MAX_ORDER (10).
     */
    public long allocPages(int order) {
        if (order < 0 || order > 10) {
            return 0;
        }
        long size = Layout.PAGE_SIZE << order;
        if (used + size > limit || !budget.charge(size)) {
            return 0;
        }
        long addr = (next + size - 1) & -size;
        next = addr + size + Layout.PAGE_SIZE;
        memory.map(addr, size);
        pageBlocks.put(addr, size);
        used += size;
        return addr;
    }

    /** Models free_pages(): false if addr is not a block allocPages returned. */
    public boolean freePages(long addr) {
        Long size = pageBlocks.remove(addr);
        if (size == null) {
            return false;
        }
        memory.unmap(addr, size);
        used -= size;
        budget.uncharge(size);
        return true;
    }

    /**
     * The kmalloc cache object addr lies in, as hardened usercopy finds it from the slab page:
     * {object size, offset of addr in its object}, or null if addr is in no kmalloc slab.
     */
    public long[] slabObject(long addr) {
        int lo = 0, hi = slabCount - 1, at = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(slabBases[mid], addr) <= 0) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (at < 0) {
            return null;
        }
        long size = slabSizes[at];
        long off = addr - slabBases[at];
        if (Long.compareUnsigned(off, Math.max(Layout.PAGE_SIZE, size)) >= 0) {
            return null;
        }
        return new long[] {size, off % size};
    }

    private void addSlab(long base, int size) {
        if (slabCount == slabBases.length) {
            int n = Math.max(8, slabCount * 2);
            slabBases = java.util.Arrays.copyOf(slabBases, n);
            slabSizes = java.util.Arrays.copyOf(slabSizes, n);
        }
        slabBases[slabCount] = base;
        slabSizes[slabCount++] = size;
    }

    /** The name of the kmalloc cache of object size size (kmalloc-64, kmalloc-1k). */
    public static String cacheName(long size) {
        return "kmalloc-" + (size >= 1024 ? size / 1024 + "k" : String.valueOf(size));
    }

    /** Models ksize(): the usable size of a live object, 0 if not live. */
    public long ksize(long addr) {
        Long size = sizes.get(addr);
        return size == null ? 0 : size;
    }

    /** Bytes currently allocated. */
    public long used() {
        return used;
    }

    public long limit() {
        return limit;
    }

    /** Gives everything still allocated back to the budget (the kernel is being torn down). */
    public void release() {
        budget.uncharge(used);
        used = 0;
        sizes.clear();
        free.clear();
    }
}
