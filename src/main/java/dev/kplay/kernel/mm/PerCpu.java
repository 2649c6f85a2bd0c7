package dev.kplay.kernel.mm;

import java.util.Map;
import java.util.TreeMap;

/*
 * mm/percpu.c on one CPU. A per-CPU pointer is not an address: it is an offset into the per-CPU
 * area, and the CPU's copy is at that offset from __per_cpu_offset[cpu] (the CPU's GS base, which
 * the oops's "GS:" shows). So per_cpu_ptr()/this_cpu_ptr() add the base, and a module that uses
 * the pointer itself faults at a small address, as on Linux (the oracle's "unable to handle page
 * fault for address: 000000000003da4c").
 *
 * The offsets are 6.1's on the oracle: a module's static per-CPU variables (its .data..percpu
 * section) come from the reserved chunk at 0x35000 (8 KiB, after the kernel's own 0x35000 bytes of
 * static per-CPU data), the first dynamic alloc_percpu() gets 0x3da4c. Allocation is first fit, as
 * the chunk's bitmap search finds the lowest free run; freed space is reused. Pages of the area are
 * mapped as they are first allocated (zeroed, as pcpu_alloc() hands them out).
 */

/** The per-CPU area of one kernel. */
public final class PerCpu {
    /** __per_cpu_offset[0]: CPU 0's copy of offset 0. */
    public static final long BASE = 0xffff88800ee00000L;
    static final long RESERVED = 0x35000, RESERVED_END = RESERVED + 8192;
    static final long DYNAMIC = 0x3da4c, DYNAMIC_END = 0x200000;

    private final AddressSpace memory;
    /** Allocated runs by offset: offset -> size. */
    private TreeMap<Long, Long> used;

    public PerCpu(AddressSpace memory) {
        this.memory = memory;
    }

    /** A module's static per-CPU data (reserved chunk); its offset, or 0 if the chunk is full. */
    public long allocReserved(long size, long align) {
        return alloc(RESERVED, RESERVED_END, size, align);
    }

    /** __alloc_percpu(): zeroed per-CPU memory; its offset, or 0 (NULL) if none is left. */
    public long alloc(long size, long align) {
        return alloc(DYNAMIC, DYNAMIC_END, size, align);
    }

    /** free_percpu() of an offset alloc() or allocReserved() gave; nothing for 0. */
    public void free(long offset) {
        if (used != null) {
            used.remove(offset);
        }
    }

    /** The address of CPU 0's copy at offset. */
    public static long address(long offset) {
        return BASE + offset;
    }

    private long alloc(long from, long to, long size, long align) {
        if (size <= 0 || size > to - from) {
            return 0;
        }
        if (used == null) {
            used = new TreeMap<>();
        }
        long a = Math.max(1, align);
        long at = align(from, a);
        for (Map.Entry<Long, Long> e : used.subMap(from, to).entrySet()) {
            if (at + size <= e.getKey()) {
                break;
            }
            at = Math.max(at, align(e.getKey() + e.getValue(), a));
        }
        if (at + size > to) {
            return 0;
        }
        used.put(at, size);
        memory.map(address(at), size);
        memory.zero(address(at), size);
        return at;
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
