package dev.kplay.kernel.exports;

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
            if (c != null) {
                k.slabCaches().destroy(c);
            }
            return 0;
        });
        t.function("kmem_cache_size", 0x10, (a, s) -> {
            KmemCache c = k.slabCaches().byAddress(a[0]);
            return c == null ? 0 : c.objectSize();
        });
        t.function("kmem_cache_shrink", 0x40, (a, s) -> 0);
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
            if (Vmalloc.isVmallocAddr(a[0])) {
                k.vmalloc().vfree(a[0]);
            } else {
                k.slab().kfree(a[0]);
            }
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
