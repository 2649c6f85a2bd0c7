package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * lib/xarray.c's normal API over entries kplay keeps per struct xarray (by its address), as
 * IdrExports keeps an IDR's: an index -> entry map and an index -> marks map. The struct is the
 * module's: xa_head (@8) is non-NULL exactly while an entry is present (xa_empty() reads it), and
 * xa_flags (@4) has XA_FLAGS_MARK(m) while an entry has mark m (xa_marked()); an allocating array's
 * flags (XA_FLAGS_TRACK_FREE, ZERO_BUSY for ids from 1) are read from it.
 *
 * 6.1's rules: a reserved entry (XA_ZERO_ENTRY: a NULL stored by xa_insert/xa_alloc, or by
 * xa_store into an allocating array) reads as NULL and is skipped by xa_find, but is not free;
 * storing NULL erases; an erased entry loses its marks; xa_insert finds -EBUSY at any entry,
 * reserved ones too; xa_alloc hands out the lowest free index within the limit (-EBUSY when none);
 * xa_alloc_cyclic goes on from *next and wraps to the limit's start (returning 1). Misuse gets
 * 6.1's WARN_ON_ONCE and -EINVAL, as the oracle recorded (case xarray_alloc): storing an internal
 * entry (lib/xarray.c:1548, as an error entry xa_err() decodes), xa_alloc on an array that does
 * not track free entries (1835). xa_insert and xa_cmpxchg of an internal entry return -EINVAL
 * without their WARN (its line is not recorded yet).
 */

/** xa_* exports. */
final class XarrayExports {
    private static final int FLAGS = 4, HEAD = 8;
    private static final long TRACK_FREE = 4, ZERO_BUSY = 8, ALLOC_WRAPPED = 16;
    private static final int MARK_SHIFT = 26;
    private static final long PRESENT = 8;
    /** XA_ZERO_ENTRY: xa_mk_internal(257). */
    private static final long ZERO = (257L << 2) | 2;
    /** The non-NULL xa_head of a populated array (never dereferenced by module code). */
    private static final long HEAD_IN_USE = 0x406;
    private static final long EINVAL = -22, EBUSY = -16;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    /** The WARN_ON_ONCEs that fired (each fires once per boot). */
    private boolean warnedStore, warnedAlloc;
    /** Entries and marks by struct address; made on first use (most kernels have no XArray). */
    private Map<Long, TreeMap<Long, Long>> entries;
    private Map<Long, TreeMap<Long, Integer>> marks;

    XarrayExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("xa_load", 0x90, (a, s) -> nullIfZero(map(a[0]).getOrDefault(a[1], 0L)));
        t.function("xa_store", 0x50, (a, s) -> store(a[0], a[1], a[2], List.of("xa_store+0x28/0x50")));
        t.function("__xa_store", 0x120, (a, s) -> store(a[0], a[1], a[2], List.of()));
        t.function("xa_erase", 0x40, (a, s) -> erase(a[0], a[1]));
        t.function("__xa_erase", 0x60, (a, s) -> erase(a[0], a[1]));
        t.function("__xa_cmpxchg", 0x170, (a, s) -> {
            long entry = a[3];
            if (advanced(entry)) {
                return xaError(EINVAL);
            }
            long curr = map(a[0]).getOrDefault(a[1], 0L);
            if (nullIfZero(curr) == a[2] || curr == a[2]) {
                put(a[0], a[1], entry == 0 && trackFree(a[0]) && curr != ZERO ? ZERO : entry);
            }
            return nullIfZero(curr);
        });
        t.function("__xa_insert", 0x110, (a, s) -> {
            long entry = a[2];
            if (advanced(entry)) {
                return EINVAL;
            }
            if (map(a[0]).containsKey(a[1])) {
                return EBUSY;
            }
            put(a[0], a[1], entry == 0 ? ZERO : entry);
            return 0;
        });
        // struct xa_limit {u32 max; u32 min;} by value: kplay passes the caller's object's address
        t.function("__xa_alloc", 0x150, (a, s) -> alloc(a[0], a[1], a[2], mem.load(a[3] + 4, 4), mem.load(a[3], 4)));
        t.function("__xa_alloc_cyclic", 0xd0, (a, s) -> allocCyclic(a[0], a[1], a[2], a[3], a[4]));
        t.function("xa_get_mark", 0x80, (a, s) -> (marks(a[0]).getOrDefault(a[1], 0) >> (int) a[2] & 1));
        for (String name : new String[] {"xa_set_mark", "__xa_set_mark"}) {
            t.function(name, 0x60, (a, s) -> {
                if (map(a[0]).containsKey(a[1]) && a[2] <= 2) {
                    marks(a[0]).merge(a[1], 1 << (int) a[2], (x, y) -> x | y);
                    syncFlags(a[0]);
                }
                return 0;
            });
        }
        for (String name : new String[] {"xa_clear_mark", "__xa_clear_mark"}) {
            t.function(name, 0x60, (a, s) -> {
                Integer m = marks(a[0]).get(a[1]);
                if (m != null && a[2] <= 2) {
                    int left = m & ~(1 << (int) a[2]);
                    if (left == 0) {
                        marks(a[0]).remove(a[1]);
                    } else {
                        marks(a[0]).put(a[1], left);
                    }
                    syncFlags(a[0]);
                }
                return 0;
            });
        }
        t.function("xa_find", 0x100, (a, s) -> find(a[0], a[1], a[2], a[3], false));
        t.function("xa_find_after", 0x120, (a, s) -> find(a[0], a[1], a[2], a[3], true));
        t.function("xa_destroy", 0xb0, (a, s) -> {
            if (entries != null) {
                entries.remove(a[0]);
            }
            if (marks != null) {
                marks.remove(a[0]);
            }
            mem.store(a[0] + HEAD, 8, 0);
            syncFlags(a[0]);
            return 0;
        });
    }

    private TreeMap<Long, Long> map(long xa) {
        if (entries == null) {
            entries = new HashMap<>();
        }
        return entries.computeIfAbsent(xa, x -> new TreeMap<>(Long::compareUnsigned));
    }

    private TreeMap<Long, Integer> marks(long xa) {
        if (marks == null) {
            marks = new HashMap<>();
        }
        return marks.computeIfAbsent(xa, x -> new TreeMap<>(Long::compareUnsigned));
    }

    /** xa_is_advanced(): an internal entry up to XA_RETRY_ENTRY (xa_mk_internal(256)), which the normal API refuses. */
    private static boolean advanced(long entry) {
        return (entry & 3) == 2 && Long.compareUnsigned(entry, (256L << 2) | 2) <= 0;
    }

    private static long nullIfZero(long entry) {
        return entry == ZERO ? 0 : entry;
    }

    private static long xaError(long errno) {
        return (errno << 2) | 2;
    }

    private boolean trackFree(long xa) {
        return (mem.load(xa + FLAGS, 4) & TRACK_FREE) != 0;
    }

    /** __xa_store: the entry that was there (NULL for a reserved one); inner: the frames above it. */
    private long store(long xa, long index, long entry, List<String> inner) {
        if (advanced(entry)) {
            if (!warnedStore) {
                warnedStore = true;
                k.oopsReporter().warn(k.current(), "lib/xarray.c:1548", "__xa_store+0x10c/0x120", inner);
            }
            return xaError(EINVAL);
        }
        if (entry == 0 && trackFree(xa)) {
            entry = ZERO;
        }
        long curr = map(xa).getOrDefault(index, 0L);
        put(xa, index, entry);
        return nullIfZero(curr);
    }

    private long erase(long xa, long index) {
        long curr = map(xa).getOrDefault(index, 0L);
        put(xa, index, 0);
        return nullIfZero(curr);
    }

    /** Sets (or with 0, erases) the entry, and the struct's head and mark flags after it. */
    private void put(long xa, long index, long entry) {
        TreeMap<Long, Long> m = map(xa);
        if (entry == 0) {
            m.remove(index);
            marks(xa).remove(index);
        } else {
            m.put(index, entry);
        }
        mem.store(xa + HEAD, 8, m.isEmpty() ? 0 : HEAD_IN_USE);
        syncFlags(xa);
    }

    private void syncFlags(long xa) {
        long flags = mem.load(xa + FLAGS, 4);
        // an allocating array's XA_FREE_MARK flag (mark 0) is its own: it says the array tracks free entries
        int from = (flags & TRACK_FREE) != 0 ? 1 : 0;
        for (int mark = from; mark < 3; mark++) {
            int bit = 1 << mark;
            boolean any = marks(xa).values().stream().anyMatch(v -> (v & bit) != 0);
            long f = 1L << (MARK_SHIFT + mark);
            flags = any ? flags | f : flags & ~f;
        }
        mem.store(xa + FLAGS, 4, flags);
    }

    /** __xa_alloc: the lowest free index in [min, max] into *idp; 0, -EBUSY, or -EINVAL with 6.1's WARN. */
    private long alloc(long xa, long idp, long entry, long min, long max) {
        if (advanced(entry)) {
            return EINVAL;
        }
        if (!trackFree(xa)) {
            if (!warnedAlloc) {
                warnedAlloc = true;
                k.oopsReporter().warn(k.current(), "lib/xarray.c:1835", "__xa_alloc+0x12f/0x150", List.of());
            }
            return EINVAL;
        }
        if ((mem.load(xa + FLAGS, 4) & ZERO_BUSY) != 0 && min == 0) {
            min = 1;    // an ALLOC1 array's index 0 is never free
        }
        long id = lowestFree(map(xa), min, max);
        if (id < 0) {
            return EBUSY;
        }
        put(xa, id, entry == 0 ? ZERO : entry);
        mem.store(idp, 4, id);
        return 0;
    }

    /** __xa_alloc_cyclic, as 6.1 writes it over __xa_alloc: 1 when the search wrapped. */
    private long allocCyclic(long xa, long idp, long entry, long limit, long nextp) {
        long max = mem.load(limit, 4);
        long min = mem.load(limit + 4, 4);
        long from = Math.max(min, mem.load(nextp, 4) & 0xffffffffL);
        long ret = alloc(xa, idp, entry, from, max);
        if ((mem.load(xa + FLAGS, 4) & ALLOC_WRAPPED) != 0 && ret == 0) {
            mem.store(xa + FLAGS, 4, mem.load(xa + FLAGS, 4) & ~ALLOC_WRAPPED);
            ret = 1;
        }
        if (ret < 0 && from > min) {
            ret = alloc(xa, idp, entry, min, max);
            if (ret == 0) {
                ret = 1;
            }
        }
        if (ret >= 0) {
            long next = (mem.load(idp, 4) + 1) & 0xffffffffL;
            mem.store(nextp, 4, next);
            if (next == 0) {
                mem.store(xa + FLAGS, 4, mem.load(xa + FLAGS, 4) | ALLOC_WRAPPED);
            }
        }
        return ret;
    }

    private static long lowestFree(TreeMap<Long, Long> m, long from, long max) {
        long id = from;
        for (long used : m.tailMap(from, true).keySet()) {
            if (Long.compareUnsigned(used, id) > 0) {
                break;
            }
            id = used + 1;
        }
        return Long.compareUnsigned(id, max) <= 0 && id >= from ? id : -1;
    }

    /** xa_find (after: xa_find_after): the first present entry (with the mark, unless XA_PRESENT) from *indexp on. */
    private long find(long xa, long indexp, long max, long filter, boolean after) {
        long index = mem.load(indexp, 8);
        if (after) {
            if (index == -1L) {
                return 0;
            }
            index++;
        }
        TreeMap<Long, Long> m = map(xa);
        for (Map.Entry<Long, Long> e : m.tailMap(index, true).entrySet()) {
            if (Long.compareUnsigned(e.getKey(), max) > 0) {
                break;
            }
            if (e.getValue() == ZERO) {
                continue;
            }
            if (filter != PRESENT && (marks(xa).getOrDefault(e.getKey(), 0) >> (int) filter & 1) == 0) {
                continue;
            }
            mem.store(indexp, 8, e.getKey());
            return e.getValue();
        }
        return 0;
    }
}
