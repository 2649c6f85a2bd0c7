package dev.kplay.kernel.mm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/*
 * One struct kmem_cache as SLUB (mm/slub.c of 6.1) sizes it: calculate_sizes() puts the free
 * pointer after the object when there is a constructor (so a constructed object is never
 * overwritten), aligns to the cache line for SLAB_HWCACHE_ALIGN, and calculate_order() picks the
 * slab order; objects are carved from slabs of 2^order pages and reused last-in first-out.
 *
 * Invariant: every address in {@code live} lies in one of {@code slabs}; {@code free} holds the
 * other objects of those slabs. Slabs stay with the cache until it is destroyed (SLUB keeps empty
 * slabs on its per-cpu partial list), which is why /proc/slabinfo counts them all as active.
 */

/** A slab cache. */
public final class KmemCache {
    public static final int SLAB_HWCACHE_ALIGN = 0x00002000;
    public static final int SLAB_POISON = 0x00000800;
    public static final int SLAB_RED_ZONE = 0x00000400;
    public static final int SLAB_TYPESAFE_BY_RCU = 0x00080000;
    /** cache_line_size() on x86-64. */
    static final int CACHE_LINE = 64;
    /** slub_max_order (PAGE_ALLOC_COSTLY_ORDER). */
    static final int MAX_ORDER = 3;

    final String name;
    /** s->object_size: raised when a bigger cache is merged into this one (__kmem_cache_alias()). */
    int objectSize;
    final int size;
    final int order;
    final long ctor;
    final int flags;
    final int align;
    /** s->refcount: kmem_cache_create() calls merged into this cache, plus its own. */
    int refcount = 1;
    /** A cache of the booted kernel (SlabMerge.BootRoot) a module's cache was merged into: never destroyed, not listed. */
    final boolean boot;
    /** The struct kmem_cache in kernel memory a module holds a pointer to. */
    final long address;
    final List<Long> slabs = new ArrayList<>();
    final ArrayDeque<Long> free = new ArrayDeque<>();
    final Set<Long> live = new HashSet<>();

    /** A boot cache that module caches are merged into, with its s->size and s->align as booted. */
    KmemCache(SlabMerge.BootRoot root, long address) {
        this.name = root.id();
        this.objectSize = root.objectSize();
        this.ctor = 0;
        this.address = address;
        this.flags = root.account() ? SlabMerge.SLAB_ACCOUNT : 0;
        this.align = root.align();
        this.size = root.size();
        this.order = calculateOrder(size);
        this.boot = true;
    }

    KmemCache(String name, int objectSize, int align, int flags, long ctor, long address) {
        this.name = name;
        this.objectSize = objectSize;
        this.ctor = ctor;
        this.address = address;
        this.flags = flags;
        this.boot = false;
        int a = calculateAlignment(flags, align, objectSize);
        this.align = a;
        int s = (objectSize + 7) & ~7;
        if (ctor != 0 || (flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)) != 0) {
            s += 8;
        }
        this.size = (s + a - 1) / a * a;
        this.order = calculateOrder(size);
    }

    public String name() { return name; }

    /** kmem_cache_size(): the object size the cache was created with. */
    public int objectSize() { return objectSize; }

    /** s->size: the object with its metadata and alignment. */
    public int size() { return size; }

    public long address() { return address; }

    public long ctor() { return ctor; }

    /** Objects per slab (oo_objects). */
    public int objectsPerSlab() {
        return (int) ((Layout.PAGE_SIZE << order) / size);
    }

    public int order() { return order; }

    public int slabCount() { return slabs.size(); }

    public int liveObjects() { return live.size(); }

    /** The objects still allocated, per slab (slab base -> their addresses, ascending), in slab order. */
    public java.util.Map<Long, List<Long>> liveBySlab() {
        java.util.Map<Long, List<Long>> out = new java.util.LinkedHashMap<>();
        long span = Layout.PAGE_SIZE << order;
        for (long base : slabs) {
            List<Long> objs = live.stream().filter(o -> o >= base && o < base + span).sorted().toList();
            if (!objs.isEmpty()) {
                out.put(base, objs);
            }
        }
        return out;
    }

    /** Models calculate_alignment(). */
    static int calculateAlignment(int flags, int align, int size) {
        if ((flags & SLAB_HWCACHE_ALIGN) != 0) {
            int ralign = CACHE_LINE;
            while (size <= ralign / 2) {
                ralign /= 2;
            }
            align = Math.max(align, ralign);
        }
        align = Math.max(align, 8);
        return (align + 7) & ~7;
    }

    /** Models calculate_order() for one CPU: 8 objects per slab wanted, at most order 3. */
    static int calculateOrder(int size) {
        int minObjects = 4 * (1 + 1);
        int maxObjects = (int) ((Layout.PAGE_SIZE << MAX_ORDER) / size);
        minObjects = Math.min(minObjects, maxObjects);
        while (minObjects > 1) {
            for (int fraction = 16; fraction >= 4; fraction /= 2) {
                int order = calcSlabOrder(size, minObjects, MAX_ORDER, fraction);
                if (order <= MAX_ORDER) {
                    return order;
                }
            }
            minObjects--;
        }
        int order = calcSlabOrder(size, 1, MAX_ORDER, 1);
        return order <= MAX_ORDER ? order : calcSlabOrder(size, 1, 10, 1);
    }

    /** Models calc_slab_order(). */
    static int calcSlabOrder(int size, int minObjects, int maxOrder, int fractLeftover) {
        int order = getOrder((long) minObjects * size);
        for (; order <= maxOrder; order++) {
            long slabSize = Layout.PAGE_SIZE << order;
            if (slabSize % size <= slabSize / fractLeftover) {
                break;
            }
        }
        return order;
    }

    /** get_order(): the smallest order whose block holds n bytes. */
    static int getOrder(long n) {
        int order = 0;
        while ((Layout.PAGE_SIZE << order) < n) {
            order++;
        }
        return order;
    }
}
