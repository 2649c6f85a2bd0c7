package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/*
 * lib/idr.c: the IDR (an id -> pointer map) and the IDA (an id allocator), as modules use them to
 * number their devices or sessions. Each hands out the lowest free id in the asked range, as the
 * xarray's search does; kplay keeps the ids per struct address, and sets the struct's xa_head to a
 * non-NULL value exactly while some id is allocated (so the header's idr_is_empty()/ida_is_empty()
 * read the struct, as Linux's do). A struct whose xa_head reads NULL holds no ids: a freshly
 * defined or re-initialised one starts empty even at an address a freed one used.
 *
 * Ids are kept as the module sees them (an IDR's idr_base included). Errors as 6.1 returns them:
 * -ENOSPC when the range is full, -EINVAL for a negative start; ida_free() of an id not allocated
 * WARNs as 6.1 does and goes on.
 */

/** idr_* and ida_* exports. */
final class IdrExports {
    private static final long EINVAL = -22, ENOSPC = -28;
    /** The non-NULL xa_head of a populated map (XA_ZERO-like: never dereferenced by module code). */
    private static final long HEAD_IN_USE = 0x406;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    /** The allocated ids of each IDR/IDA, by the struct's address; an IDA's entries are all 0. */
    private final Map<Long, TreeMap<Long, Long>> maps = new HashMap<>();

    IdrExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("idr_preload", 0x40, (a, s) -> 0);
        t.function("idr_alloc", 0xa0, (a, s) -> {
            int start = (int) a[2], end = (int) a[3];
            if (start < 0) {
                return EINVAL;
            }
            return alloc(a[0], a[1], Math.max(start, base(a[0])), end > 0 ? end - 1L : Integer.MAX_VALUE);
        });
        t.function("idr_alloc_u32", 0xe0, (a, s) -> {
            long start = mem.load(a[2], 4) & 0xffffffffL;
            long id = alloc(a[0], a[1], Math.max(start, base(a[0])), Math.min(a[3], 0xffffffffL));
            if (id < 0) {
                return id;
            }
            mem.store(a[2], 4, id);
            return 0;
        });
        t.function("idr_alloc_cyclic", 0xe0, (a, s) -> {
            int start = (int) a[2], end = (int) a[3];
            if (start < 0) {
                return EINVAL;
            }
            long max = end > 0 ? end - 1L : Integer.MAX_VALUE;
            long from = Math.max(Math.max(start, base(a[0])), mem.load(a[0] + 20, 4) & 0xffffffffL);
            long id = from <= max ? alloc(a[0], a[1], from, max) : ENOSPC;
            if (id == ENOSPC && from > start) {
                id = alloc(a[0], a[1], Math.max(start, base(a[0])), max);
            }
            if (id >= 0) {
                mem.store(a[0] + 20, 4, id + 1);
            }
            return id;
        });
        t.function("idr_find", 0x30, (a, s) -> ids(a[0]).getOrDefault(a[1], 0L));
        t.function("idr_remove", 0x30, (a, s) -> {
            TreeMap<Long, Long> m = ids(a[0]);
            Long p = m.remove(a[1]);
            head(a[0], m);
            return p == null ? 0 : p;
        });
        t.function("idr_replace", 0x60, (a, s) -> {
            TreeMap<Long, Long> m = ids(a[0]);
            long id = a[2];
            if (!m.containsKey(id)) {
                return -2;                           // ERR_PTR(-ENOENT)
            }
            return m.put(id, a[1]);
        });
        t.function("idr_get_next", 0x80, (a, s) -> {
            long[] next = {(int) mem.load(a[1], 4)};
            long p = next(a[0], next);
            if (p != 0) {
                mem.store(a[1], 4, next[0]);
            }
            return p;
        });
        t.function("idr_get_next_ul", 0x80, (a, s) -> {
            long[] next = {mem.load(a[1], 8)};
            long p = next(a[0], next);
            if (p != 0) {
                mem.store(a[1], 8, next[0]);
            }
            return p;
        });
        t.function("idr_for_each", 0x90, (a, s) -> {
            for (Map.Entry<Long, Long> e : new TreeMap<>(ids(a[0])).entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                long r = k.callModule(a[1], new long[] {e.getKey(), e.getValue(), a[2]});
                if ((int) r != 0) {
                    return (int) r;
                }
            }
            return 0;
        });
        t.function("idr_destroy", 0x60, (a, s) -> {
            maps.remove(a[0]);
            mem.store(a[0] + 8, 8, 0);
            return 0;
        });
        t.function("ida_alloc_range", 0x100, (a, s) -> {
            long min = a[1] & 0xffffffffL, max = Math.min(a[2] & 0xffffffffL, Integer.MAX_VALUE);
            if ((int) a[1] < 0) {
                return EINVAL;
            }
            return alloc(a[0], 0, min, max);
        });
        t.function("ida_free", 0x80, (a, s) -> {
            TreeMap<Long, Long> m = ids(a[0]);
            long id = a[1] & 0xffffffffL;
            if (m.remove(id) == null) {
                // WARN(1, ...) in ida_free(), as the oracle recorded it (case idafree)
                k.oopsReporter().warn(k.current(), "ida_free called for id=" + (int) id + " which is not allocated.",
                        "lib/idr.c:527", "ida_free+0xe2/0x140", java.util.List.of());
            }
            head(a[0], m);
            return 0;
        });
        t.function("ida_destroy", 0x90, (a, s) -> {
            maps.remove(a[0]);
            mem.store(a[0] + 8, 8, 0);
            return 0;
        });
    }

    private long base(long idr) {
        return mem.load(idr + 16, 4) & 0xffffffffL;
    }

    /** The ids of the map at addr; a struct that reads empty starts a fresh map. */
    private TreeMap<Long, Long> ids(long addr) {
        if (mem.load(addr + 8, 8) == 0) {
            maps.remove(addr);
        }
        return maps.computeIfAbsent(addr, x -> new TreeMap<>());
    }

    private void head(long addr, TreeMap<Long, Long> m) {
        mem.store(addr + 8, 8, m.isEmpty() ? 0 : HEAD_IN_USE);
        if (m.isEmpty()) {
            maps.remove(addr);
        }
    }

    /** The lowest free id in [min, max] (after the IDR's base), entered with ptr; -ENOSPC if none. */
    private long alloc(long addr, long ptr, long min, long max) {
        TreeMap<Long, Long> m = ids(addr);
        long id = min;
        for (Long used : m.tailMap(min, true).keySet()) {
            if (used != id) {
                break;
            }
            id++;
        }
        if (id > max) {
            return ENOSPC;
        }
        m.put(id, ptr);
        head(addr, m);
        return id;
    }

    /** idr_get_next_ul(): the first id at or after next[0] with a non-NULL pointer; sets next[0]. */
    private long next(long idr, long[] next) {
        for (Map.Entry<Long, Long> e : ids(idr).tailMap(Math.max(base(idr), next[0]), true).entrySet()) {
            if (e.getValue() != 0) {
                next[0] = e.getKey();
                return e.getValue();
            }
        }
        return 0;
    }
}
