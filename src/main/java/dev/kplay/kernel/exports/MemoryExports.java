package dev.kplay.kernel.exports;

import java.util.List;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.KmemCache;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.mm.Vmalloc;

/*
 * Exports of the memory allocators beyond kmalloc: slab caches (kmem_cache_*), vmalloc, the page
 * allocator (__get_free_pages), and the copying helpers built on kmalloc (kmemdup, kstrndup,
 * kasprintf). A constructor passed to kmem_cache_create is module code: the allocator calls it
 * through Kernel.callModule when a new slab is set up, as SLUB's setup_object() does.
 */

/** Slab cache, vmalloc and page allocator exports. */
final class MemoryExports {
    /** __GFP_ZERO. */
    static final long GFP_ZERO = 0x100;

    private final Kernel k;
    private final Builtins b;
    private final ExportTable t;
    private final AddressSpace mem;

    MemoryExports(Kernel k, Builtins b) {
        this.k = k;
        this.b = b;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        slabCaches();
        vmalloc();
        pages();
        copies();
    }

    private void slabCaches() {
        t.function("kmem_cache_create", 0x40, (a, s) -> {
            KmemCache c = k.slabCaches().create(b.cstr(a[0]), (int) a[1], (int) a[2], (int) a[3], a[4], 0);
            return c == null ? 0 : c.address();
        });
        t.function("kmem_cache_create_usercopy", 0x40, (a, s) -> {
            // (name, size, align, flags, useroffset, usersize, ctor)
            KmemCache c = k.slabCaches().create(b.cstr(a[0]), (int) a[1], (int) a[2], (int) a[3], a[6], (int) a[5]);
            return c == null ? 0 : c.address();
        });
        t.function("kmem_cache_alloc", 0x180, (a, s) -> {
            KmemCache c = k.slabCaches().byAddress(a[0]);
            if (c == null) {
                throw new dev.kplay.vm.PageFault(a[0], dev.kplay.vm.PageFault.Access.READ);
            }
            return k.slabCaches().alloc(c, c.ctor() == 0 || (a[1] & GFP_ZERO) != 0, obj -> k.callModule(c.ctor(), obj));
        });
        t.function("kmem_cache_free", 0x180, (a, s) -> {
            KmemCache c = k.slabCaches().byAddress(a[0]);
            if (c != null) {
                k.slabCaches().free(c, a[1]);
            }
            return 0;
        });
        t.function("kmem_cache_destroy", 0x120, (a, s) -> {
            KmemCache c = k.slabCaches().byAddress(a[0]);
            if (c != null && !k.slabCaches().destroy(c)) {
                objectsRemaining(c);
            }
            return 0;
        });
        t.function("kmem_cache_size", 0x10, (a, s) -> {
            KmemCache c = k.slabCaches().byAddress(a[0]);
            return c == null ? 0 : c.objectSize();
        });
        t.function("kmem_cache_shrink", 0x40, (a, s) -> 0);
    }

    /**
     * kmem_cache_destroy() of a cache that still has objects: __kmem_cache_shutdown() fails, and
     * list_slab_objects() reports each slab that holds some (slab_err(): the BUG banner, the slab,
     * a stack dump, taint B) and each object left in it; then kmem_cache_destroy() WARNs with its
     * caller, and the cache stays (it is still in /proc/slabinfo).
     */
    private void objectsRemaining(KmemCache c) {
        dev.kplay.kernel.sched.Task t = k.current();
        var log = k.printk();
        for (var slab : c.liveBySlab().entrySet()) {
            log.log(3, "=".repeat(77));
            log.log(3, "BUG " + c.name() + " (" + k.taint().printTainted() + "): Objects remaining in " + c.name()
                    + " on __kmem_cache_shutdown()");
            log.log(3, "-".repeat(77));
            log.log(3, "");
            boolean head = c.order() > 0;
            log.log(3, "Slab 0x(____ptrval____) objects=" + c.objectsPerSlab() + " used=" + slab.getValue().size()
                    + " fp=0x(____ptrval____) flags=0x" + Long.toHexString(0xfffffc0000200L | (head ? 0x10000 : 0))
                    + "(slab|" + (head ? "head|" : "") + "node=0|zone=1|lastcpupid=0x1fffff)");
            if (t != null) {
                k.oopsReporter().dumpStack(t, List.of("dump_stack_lvl+0x44/0x5c", "slab_err+0xae/0xe7",
                        "__kmem_cache_shutdown.cold+0x34/0xe9", "kmem_cache_destroy+0x51/0x150"));
            }
            k.loader().addTaintLockdepUnreliable(dev.kplay.kernel.panic.Taint.BAD_PAGE);
            for (long obj : slab.getValue()) {
                log.log(3, "Object 0x(____ptrval____) @offset=" + (obj - slab.getKey()));
            }
        }
        if (t != null) {
            String caller = k.oopsReporter().returnAddress(t);
            k.oopsReporter().warn(t, "kmem_cache_destroy " + c.name() + ": Slab cache still has objects when called from "
                    + (caller != null ? caller : "0x0"), "mm/slab_common.c:493", "kmem_cache_destroy+0x141/0x150", List.of());
        }
    }

    private void vmalloc() {
        t.function("vmalloc", 0x40, (a, s) -> k.vmalloc().vmalloc(a[0]));
        t.function("vzalloc", 0x40, (a, s) -> k.vmalloc().vmalloc(a[0]));
        t.function("vmalloc_user", 0x40, (a, s) -> k.vmalloc().vmalloc(a[0]));
        t.function("vfree", 0x40, (a, s) -> {
            k.vmalloc().vfree(a[0]);
            return 0;
        });
        t.function("kvmalloc_node", 0x80, (a, s) -> {
            long p = a[0] <= Layout.PAGE_SIZE ? b.kmalloc(a[0], "__kmalloc") : k.slab().kmalloc(a[0]);
            return p != 0 ? p : k.vmalloc().vmalloc(a[0]);
        });
        t.function("kvfree", 0x40, (a, s) -> {
            k.vmalloc().kvfree(a[0]);
            return 0;
        });
        t.function("is_vmalloc_addr", 0x20, (a, s) -> Vmalloc.isVmallocAddr(a[0]) ? 1 : 0);
    }

    private void pages() {
        t.function("__get_free_pages", 0x40, (a, s) -> k.slab().allocPages((int) a[1]));
        t.function("get_zeroed_page", 0x20, (a, s) -> k.slab().allocPages(0));
        t.function("free_pages", 0x60, (a, s) -> {
            if (a[0] != 0) {
                k.slab().freePages(a[0]);
            }
            return 0;
        });
    }

    private void copies() {
        t.function("kmemdup", 0x40, (a, s) -> {
            long p = b.kmalloc(a[1], "kmemdup");
            if (p != 0) {
                b.copy(p, a[0], a[1]);
            }
            return p;
        });
        t.function("kstrndup", 0x60, (a, s) -> {
            if (a[0] == 0) {
                return 0;
            }
            String str = mem.readCString(a[0], (int) Math.min(a[1], 1 << 20));
            long p = b.kmalloc(str.length() + 1, "kstrndup");
            if (p != 0) {
                mem.writeCString(p, str);
            }
            return p;
        });
        t.function("kasprintf", 0x80, (a, s) -> {
            String str = b.format(a[1], a, 2);
            long p = b.kmalloc(str.length() + 1, "kasprintf");
            if (p != 0) {
                mem.writeCString(p, str);
            }
            return p;
        });
    }
}
