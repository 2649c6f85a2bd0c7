package dev.kplay.kernel.mm;

import java.util.HashMap;
import java.util.Map;

/*
 * vmalloc (mm/vmalloc.c): virtually contiguous kernel memory in the vmalloc area
 * (0xffffc90000000000 and up, above the kernel stacks kplay places there), each area followed by
 * an unmapped guard page as __get_vm_area_node() leaves one, so running off the end of a vmalloc
 * buffer faults. Pages are zeroed (init_on_alloc) and count against the session's memory limit.
 */

/** The vmalloc allocator. */
public final class Vmalloc {
    /** Where module vmalloc areas start: past the kernel stacks (Kernel places those from +0x593000). */
    static final long START = Layout.VMALLOC + 0x10000000L;
    /** VMALLOC_END with 4-level paging (VMALLOC_START + 32 TiB - 1). */
    public static final long END = Layout.VMALLOC + (32L << 40) - 1;

    private final AddressSpace memory;
    private final Slab slab;
    private long next = START;
    private final Map<Long, Long> areas = new HashMap<>();

    public Vmalloc(AddressSpace memory, Slab slab) {
        this.memory = memory;
        this.slab = slab;
    }

    /** Models __vmalloc_node_range(): a zeroed area of size bytes (page-rounded), or 0. */
    public long vmalloc(long size) {
        if (size <= 0) {
            return 0;
        }
        long bytes = Layout.pageAlign(size);
        if (!slab.charge(bytes)) {
            return 0;
        }
        long addr = next;
        next += bytes + Layout.PAGE_SIZE;
        memory.map(addr, bytes);
        areas.put(addr, bytes);
        return addr;
    }

    /** Models vfree(): NULL is ignored; false for an address vmalloc did not return. */
    public boolean vfree(long addr) {
        if (addr == 0) {
            return true;
        }
        Long bytes = areas.remove(addr);
        if (bytes == null) {
            return false;
        }
        memory.unmap(addr, bytes);
        slab.uncharge(bytes);
        return true;
    }

    /** Models kvfree() (mm/util.c): vfree() for a vmalloc address, else kfree(). */
    public void kvfree(long addr) {
        if (isVmallocAddr(addr)) {
            vfree(addr);
        } else {
            slab.kfree(addr);
        }
    }

    /** The size of the area starting at addr, or 0 (for vmalloc_to_page-style lookups and ksize). */
    public long areaSize(long addr) {
        return areas.getOrDefault(addr, 0L);
    }

    /** is_vmalloc_addr(). */
    public static boolean isVmallocAddr(long addr) {
        return Long.compareUnsigned(addr, Layout.VMALLOC) >= 0 && Long.compareUnsigned(addr, END) < 0;
    }
}
