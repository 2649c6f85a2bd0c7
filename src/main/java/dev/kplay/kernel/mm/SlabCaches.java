package dev.kplay.kernel.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/*
 * The slab_caches list (mm/slab_common.c) for caches modules create, and /proc/slabinfo's view of
 * it. Debian's 6.1 merges caches (CONFIG_SLAB_MERGE_DEFAULT=y, see SlabMerge): a mergeable cache
 * becomes an alias of an existing one; a cache of its own is listed by name even while it holds
 * no objects. Slab pages come from the page
 * allocator (Slab.allocPages), so they count against the session's memory like kmalloc does.
 */

/** Module-created slab caches. */
public final class SlabCaches {
    /** sizeof(struct kmem_cache) in Debian's 6.1 configuration. */
    static final int STRUCT_SIZE = 256;

    private final Slab slab;
    private final AddressSpace memory;
    /** Newest first, as create_cache() adds to the head of slab_caches. */
    private final List<KmemCache> caches = new ArrayList<>();
    /** The boot caches module caches were merged into, by SLUB's unique id. */
    private final java.util.Map<String, KmemCache> bootRoots = new java.util.HashMap<>();

    public SlabCaches(Slab slab, AddressSpace memory) {
        this.slab = slab;
        this.memory = memory;
    }

    /**
     * Models kmem_cache_create(): a cache merged into an existing one when find_mergeable() finds
     * one (a boot cache first, then the oldest fitting module cache), else a new cache; null when
     * out of memory. {@code usersize}: kmem_cache_create_usercopy()'s region (unmergeable if not 0).
     */
    public KmemCache create(String name, int size, int align, int flags, long ctor, int usersize) {
        if (SlabMerge.mergeable(flags, ctor, usersize)) {
            KmemCache target = mergeTarget(size, align, flags);
            if (target != null) {
                target.refcount++;
                target.objectSize = Math.max(target.objectSize, size);
                return target;
            }
        }
        long addr = slab.kmalloc(STRUCT_SIZE);
        if (addr == 0) {
            return null;
        }
        KmemCache c = new KmemCache(name, size, align, flags, ctor, addr);
        if (!SlabMerge.mergeable(flags, ctor, usersize)) {
            c.refcount = -1;        // never a merge target (slab_unmergeable(): ctor, usercopy, debug flags)
        }
        caches.add(0, c);
        return c;
    }

    /** find_mergeable(): the cache a new one of these arguments becomes an alias of, or null. */
    private KmemCache mergeTarget(int size, int align, int flags) {
        SlabMerge.BootRoot r = SlabMerge.bootRoot(size, align, flags);
        if (r != null) {
            KmemCache b = bootRoots.get(r.id());
            if (b == null) {
                long addr = slab.kmalloc(STRUCT_SIZE);
                if (addr == 0) {
                    return null;
                }
                b = new KmemCache(r, addr);
                bootRoots.put(r.id(), b);
            }
            return b;
        }
        int s = SlabMerge.mergeSize(size, align, flags);
        int a = KmemCache.calculateAlignment(flags, align, (size + 7) & ~7);
        for (int i = caches.size() - 1; i >= 0; i--) {          // list_for_each_entry_reverse: oldest first
            KmemCache c = caches.get(i);
            if (c.refcount > 0 && c.ctor == 0 && (c.flags & SlabMerge.MERGE_SAME) == (flags & SlabMerge.MERGE_SAME)
                    && SlabMerge.fits(c.size, s, a)) {
                return c;
            }
        }
        return null;
    }

    /** The cache whose struct kmem_cache is at addr, or null. */
    public KmemCache byAddress(long addr) {
        for (KmemCache c : caches) {
            if (c.address == addr) {
                return c;
            }
        }
        for (KmemCache c : bootRoots.values()) {
            if (c.address == addr) {
                return c;
            }
        }
        return null;
    }

    /**
     * Models slab_alloc(): an object from the cache's freelist, taking a new slab when it is empty
     * (the constructor runs once per object of a new slab, through {@code construct}). Returns 0
     * when no slab can be had. {@code zero}: init_on_alloc or __GFP_ZERO, never for a cache with a
     * constructor.
     */
    public long alloc(KmemCache c, boolean zero, LongConsumer construct) {
        if (c.free.isEmpty()) {
            long base = slab.allocPages(c.order);
            if (base == 0) {
                return 0;
            }
            c.slabs.add(base);
            int n = c.objectsPerSlab();
            for (int i = n - 1; i >= 0; i--) {
                c.free.push(base + (long) i * c.size);
            }
            if (c.ctor != 0) {
                for (int i = 0; i < n; i++) {
                    construct.accept(base + (long) i * c.size);
                }
            }
        }
        long obj = c.free.pop();
        c.live.add(obj);
        if (zero && c.ctor == 0) {
            for (int i = 0; i < c.objectSize; i++) {
                memory.store(obj + i, 1, 0);
            }
        }
        return obj;
    }

    /** Models kmem_cache_free(): false if obj is not a live object of c. */
    public boolean free(KmemCache c, long obj) {
        if (!c.live.remove(obj)) {
            return false;
        }
        c.free.push(obj);
        return true;
    }

    /**
     * Models kmem_cache_destroy(): frees the cache and its slabs; a cache that still has objects
     * stays (as __kmem_cache_shutdown() refuses it). Returns false in that case.
     */
    public boolean destroy(KmemCache c) {
        if (c.boot || c.refcount > 1) {
            c.refcount--;           // an alias goes; the cache it was merged into stays
            return true;
        }
        if (!c.live.isEmpty()) {
            return false;
        }
        for (long s : c.slabs) {
            slab.freePages(s);
        }
        caches.remove(c);
        slab.kfree(c.address);
        return true;
    }

    /** /proc/slabinfo (slabinfo_show() under print_slabinfo_header()), module caches first. */
    public String slabinfo() {
        StringBuilder sb = new StringBuilder("slabinfo - version: 2.1\n");
        sb.append("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
                + " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
        for (KmemCache c : caches) {
            line(sb, c.name, (long) c.slabs.size() * c.objectsPerSlab(), c.size, c.objectsPerSlab(), c.order,
                    c.slabs.size());
        }
        for (int i = Slab.CACHES.length - 1; i >= 0; i--) {
            int size = Slab.CACHES[i];
            int order = KmemCache.calculateOrder(size);
            int perSlab = (int) ((Layout.PAGE_SIZE << order) / size);
            long objects = slab.liveObjects(size);
            long slabs = (objects + perSlab - 1) / perSlab;
            line(sb, Slab.cacheName(size), slabs * perSlab, size,
                    perSlab, order, slabs);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, long objs, int size, int perSlab, int order, long slabs) {
        sb.append(String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d%n",
                name, objs, objs, size, perSlab, 1 << order, 0, 0, 0, slabs, slabs, 0));
    }
}
