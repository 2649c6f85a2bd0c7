package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;

/*
 * lib/sort.c and lib/bsearch.c. sort() is 6.1's heapsort step by step: the heap is built by sifting
 * down from the middle, then the root is swapped to the end; each sift finds the path of larger
 * children to a leaf (one cmp_func per level) and backtracks to where the element belongs. So the
 * module's cmp_func sees the same pairs in the same order as on Linux (it may print them), and
 * elements that compare equal end in Linux's order. A NULL swap_func exchanges the bytes; a given one
 * is called with the two elements and the size. bsearch() halves as __inline_bsearch does.
 */

/** sort, sort_r and bsearch. */
final class SortExports {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;

    SortExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("sort_r", 0x2a0, (a, s) -> {
            sort(a[0], a[1], a[2], a[3], a[4], a[5], true);
            return 0;
        });
        t.function("sort", 0x40, (a, s) -> {
            sort(a[0], a[1], a[2], a[3], a[4], 0, false);
            return 0;
        });
        t.function("bsearch", 0x70, (a, s) -> {
            long key = a[0], base = a[1], num = a[2], size = a[3], cmp = a[4];
            while (num != 0) {
                long pivot = base + (num >>> 1) * size;
                int result = (int) k.callModule(cmp, key, pivot);
                if (result == 0) {
                    return pivot;
                }
                if (result > 0) {
                    base = pivot + size;
                    num--;
                }
                num >>>= 1;
            }
            return 0;
        });
    }

    /** sort_r (withPriv: cmp and swap take priv too) and sort. Offsets are bytes from base, as 6.1 counts. */
    private void sort(long base, long num, long size, long cmp, long swap, long priv, boolean withPriv) {
        long n = num * size, a = (num / 2) * size;
        long lsbit = size & -size;
        if (a == 0) {
            return;
        }
        while (true) {
            long b, c, d;
            if (a != 0) {
                a -= size;
            } else if ((n -= size) != 0) {
                swap(base, base + n, size, swap, priv, withPriv);
            } else {
                return;
            }
            for (b = a; Long.compareUnsigned(d = (c = 2 * b + size) + size, n) < 0; ) {
                b = compare(base + c, base + d, cmp, priv, withPriv) >= 0 ? c : d;
            }
            if (d == n) {
                b = c;
            }
            while (b != a && compare(base + a, base + b, cmp, priv, withPriv) >= 0) {
                b = parent(b, lsbit, size);
            }
            c = b;
            while (b != a) {
                b = parent(b, lsbit, size);
                swap(base + b, base + c, size, swap, priv, withPriv);
            }
        }
    }

    /** The offset of the heap parent of offset i (j = i / size has parent (j - 1) / 2), as 6.1 computes it. */
    private static long parent(long i, long lsbit, long size) {
        i -= size;
        i -= size & -(i & lsbit);
        return i >>> 1;
    }

    private int compare(long x, long y, long cmp, long priv, boolean withPriv) {
        return (int) (withPriv ? k.callModule(cmp, x, y, priv) : k.callModule(cmp, x, y));
    }

    private void swap(long x, long y, long size, long swap, long priv, boolean withPriv) {
        if (swap != 0) {
            if (withPriv) {
                k.callModule(swap, x, y, size & 0xffffffffL, priv);
            } else {
                k.callModule(swap, x, y, size & 0xffffffffL);
            }
            return;
        }
        byte[] bx = mem.read(x, (int) size);
        byte[] by = mem.read(y, (int) size);
        mem.write(x, by);
        mem.write(y, bx);
    }
}
