package dev.kplay.kernel.mm;

import java.util.List;

/*
 * Slab merging (mm/slab_common.c: find_mergeable()). Debian's 6.1 has CONFIG_SLAB_MERGE_DEFAULT=y,
 * so kmem_cache_create() of a cache with no constructor, no usercopy region and no debug flags
 * reuses an existing cache whose object size is within one pointer of its own: the module gets
 * that cache (kmem_cache_size() is its object_size, raised to the request if need be), the name
 * is only an alias (absent from /proc/slabinfo), and kmem_cache_destroy() drops a reference.
 *
 * The mergeable caches the booted kernel has are listed below as the oracle's guest shows them in
 * /sys/kernel/slab (name = SLUB's unique id: ":" then "A-" for SLAB_ACCOUNT, then s->size):
 * s->size, s->object_size and s->align of each root without constructor, usercopy, RCU, reclaim
 * or DMA flags. Each size appears once per flag class, so the order of slab_caches does not matter.
 */

/** find_mergeable() over the boot caches and the mergeable caches modules made. */
final class SlabMerge {
    /** A mergeable root cache of the booted kernel. */
    record BootRoot(String id, int size, int objectSize, int align, boolean account) {}

    static final int SLAB_RED_ZONE = 0x400, SLAB_POISON = 0x800, SLAB_STORE_USER = 0x10000, SLAB_TRACE = 0x200000,
            SLAB_TYPESAFE_BY_RCU = 0x80000, SLAB_NOLEAKTRACE = 0x800000, SLAB_FAILSLAB = 0x2000000;
    static final int SLAB_RECLAIM_ACCOUNT = 0x20000, SLAB_CACHE_DMA = 0x4000, SLAB_CACHE_DMA32 = 0x8000,
            SLAB_ACCOUNT = 0x4000000;
    /** SLAB_NEVER_MERGE (KASAN off). */
    static final int NEVER_MERGE = SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_TRACE | SLAB_TYPESAFE_BY_RCU
            | SLAB_NOLEAKTRACE | SLAB_FAILSLAB;
    /** SLAB_MERGE_SAME. */
    static final int MERGE_SAME = SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | SLAB_CACHE_DMA32 | SLAB_ACCOUNT;

    static final List<BootRoot> BOOT_ROOTS = List.of(
            new BootRoot(":0000024", 24, 24, 8, false), new BootRoot(":0000032", 32, 32, 8, false),
            new BootRoot(":0000048", 48, 48, 8, false), new BootRoot(":0000056", 56, 56, 8, false),
            new BootRoot(":0000064", 64, 64, 8, false), new BootRoot(":0000072", 72, 72, 8, false),
            new BootRoot(":0000080", 80, 80, 8, false), new BootRoot(":0000088", 88, 88, 8, false),
            new BootRoot(":0000096", 96, 96, 8, false), new BootRoot(":0000112", 112, 112, 8, false),
            new BootRoot(":0000128", 128, 128, 8, false), new BootRoot(":0000184", 184, 184, 8, false),
            new BootRoot(":0000192", 192, 176, 64, false), new BootRoot(":0000200", 200, 200, 8, false),
            new BootRoot(":0000216", 216, 216, 8, false), new BootRoot(":0000256", 256, 256, 256, false),
            new BootRoot(":0000272", 272, 272, 8, false), new BootRoot(":0000320", 320, 304, 64, false),
            new BootRoot(":0000416", 416, 416, 8, false), new BootRoot(":0000512", 512, 512, 64, false),
            new BootRoot(":0000576", 576, 576, 64, false), new BootRoot(":0000640", 640, 640, 64, false),
            new BootRoot(":0000768", 768, 736, 64, false), new BootRoot(":0000968", 968, 968, 8, false),
            new BootRoot(":0001024", 1024, 1024, 64, false), new BootRoot(":0001088", 1088, 1056, 64, false),
            new BootRoot(":0001232", 1232, 1232, 8, false), new BootRoot(":0001360", 1360, 1360, 8, false),
            new BootRoot(":0002048", 2048, 2048, 64, false), new BootRoot(":0002112", 2112, 2080, 64, false),
            new BootRoot(":0004096", 4096, 4096, 64, false),
            new BootRoot(":A-0000016", 16, 16, 8, true), new BootRoot(":A-0000032", 32, 32, 8, true),
            new BootRoot(":A-0000040", 40, 40, 8, true), new BootRoot(":A-0000048", 48, 48, 8, true),
            new BootRoot(":A-0000056", 56, 56, 8, true), new BootRoot(":A-0000064", 64, 64, 8, true),
            new BootRoot(":A-0000072", 72, 72, 8, true), new BootRoot(":A-0000080", 80, 80, 8, true),
            new BootRoot(":A-0000120", 120, 120, 8, true), new BootRoot(":A-0000128", 128, 128, 64, true),
            new BootRoot(":A-0000136", 136, 136, 8, true), new BootRoot(":A-0000152", 152, 152, 8, true),
            new BootRoot(":A-0000192", 192, 184, 64, true), new BootRoot(":A-0000256", 256, 256, 64, true),
            new BootRoot(":A-0000320", 320, 320, 64, true), new BootRoot(":A-0000624", 624, 624, 8, true),
            new BootRoot(":A-0000704", 704, 704, 64, true), new BootRoot(":A-0001024", 1024, 1024, 64, true),
            new BootRoot(":A-0001152", 1152, 1152, 64, true), new BootRoot(":A-0001216", 1216, 1200, 64, true),
            new BootRoot(":A-0001344", 1344, 1344, 64, true), new BootRoot(":A-0004480", 4480, 4480, 64, true));

    private SlabMerge() {}

    /** Whether a cache made with these arguments may be merged at all (find_mergeable()'s first checks). */
    static boolean mergeable(int flags, long ctor, int usersize) {
        return ctor == 0 && usersize == 0 && (flags & NEVER_MERGE) == 0;
    }

    /** find_mergeable()'s size after alignment: ALIGN(ALIGN(size, 8), calculate_alignment()). */
    static int mergeSize(int size, int align, int flags) {
        int s = (size + 7) & ~7;
        int a = KmemCache.calculateAlignment(flags, align, s);
        return (s + a - 1) / a * a;
    }

    /** Whether a root of s->size rootSize can hold objects of mergeSize aligned to align (the loop's tests). */
    static boolean fits(int rootSize, int mergeSize, int align) {
        return mergeSize <= rootSize && (rootSize & ~(align - 1)) == rootSize && rootSize - mergeSize < 8;
    }

    /** The boot root a cache with these arguments merges into, or null (module roots are tried after). */
    static BootRoot bootRoot(int size, int align, int flags) {
        int same = flags & MERGE_SAME;
        if (same != 0 && same != SLAB_ACCOUNT) {
            return null;            // reclaimable or DMA roots: kplay lists none
        }
        int s = mergeSize(size, align, flags);
        int a = KmemCache.calculateAlignment(flags, align, (size + 7) & ~7);
        for (BootRoot r : BOOT_ROOTS) {
            if (r.account() == (same == SLAB_ACCOUNT) && fits(r.size(), s, a)) {
                return r;
            }
        }
        return null;
    }
}
