package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.vm.PageFault;

/*
 * lib/kfifo.c for FIFOs without records: the functions under linux/kfifo.h's macros. A fifo is
 * struct __kfifo (in@0 out@4 mask@8 esize@12 data@16); in and out count elements and only grow
 * (unsigned wrap-around), so in - out is the fill and (in & mask) the slot. Copies wrap around the
 * end of the buffer in two pieces, as kfifo_copy_in/out do; the user copies stop at a bad user
 * address and report -EFAULT with the bytes copied so far in *copied, as 6.1 does.
 */

/** The __kfifo_* exports. */
final class KfifoExports {
    private static final long EINVAL = -22, ENOMEM = -12, EFAULT = -14;

    private final Kernel k;
    private final Builtins b;
    private final ExportTable t;
    private final AddressSpace mem;

    KfifoExports(Kernel k, Builtins b) {
        this.k = k;
        this.b = b;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("__kfifo_alloc", 0x90, (a, s) -> alloc(a[0], a[1] & 0xffffffffL, a[2]));
        t.function("__kfifo_free", 0x30, (a, s) -> {
            k.slab().kfree(mem.load(a[0] + 16, 8));
            set(a[0], 0, 0, 0, 0, 0);
            return 0;
        });
        t.function("__kfifo_init", 0x80, (a, s) -> {
            long esize = a[3];
            long size = (a[2] & 0xffffffffL) / esize;
            if (size != 0 && Long.bitCount(size) != 1) {
                size = Long.highestOneBit(size);
            }
            set(a[0], 0, 0, size < 2 ? 0 : size - 1, esize, a[1]);
            return size < 2 ? EINVAL : 0;
        });
        t.function("__kfifo_in", 0x80, (a, s) -> {
            long len = Math.min(a[2] & 0xffffffffL, unused(a[0]));
            copyIn(a[0], a[1], len, in(a[0]));
            mem.store(a[0], 4, in(a[0]) + len);
            return len;
        });
        t.function("__kfifo_out_peek", 0x80, (a, s) -> peek(a[0], a[1], a[2] & 0xffffffffL));
        t.function("__kfifo_out", 0x80, (a, s) -> {
            long len = peek(a[0], a[1], a[2] & 0xffffffffL);
            mem.store(a[0] + 4, 4, out(a[0]) + len);
            return len;
        });
        t.function("__kfifo_to_user", 0xc0, (a, s) -> userCopy(a[0], a[1], a[2], a[3], true));
        t.function("__kfifo_from_user", 0xc0, (a, s) -> userCopy(a[0], a[1], a[2], a[3], false));
    }

    private long in(long f) {
        return mem.load(f, 4) & 0xffffffffL;
    }

    private long out(long f) {
        return mem.load(f + 4, 4) & 0xffffffffL;
    }

    private long mask(long f) {
        return mem.load(f + 8, 4) & 0xffffffffL;
    }

    private long esize(long f) {
        return mem.load(f + 12, 4) & 0xffffffffL;
    }

    /** Elements in the fifo: in - out, modulo 2^32. */
    private long used(long f) {
        return (in(f) - out(f)) & 0xffffffffL;
    }

    private long unused(long f) {
        return mask(f) + 1 - used(f);
    }

    private void set(long f, long in, long out, long mask, long esize, long data) {
        mem.store(f, 4, in);
        mem.store(f + 4, 4, out);
        mem.store(f + 8, 4, mask);
        mem.store(f + 12, 4, esize);
        mem.store(f + 16, 8, data);
    }

    /** Models __kfifo_alloc(): size rounded up to a power of 2; -EINVAL under 2, -ENOMEM. */
    private long alloc(long f, long size, long esize) {
        if (size > 1 && Long.bitCount(size) != 1) {
            size = Long.highestOneBit(size) << 1;
        }
        set(f, 0, 0, 0, esize, 0);
        if (size < 2) {
            return EINVAL;
        }
        long data = esize * size > dev.kplay.kernel.mm.Slab.KMALLOC_MAX_SIZE ? 0 : k.slab().kmalloc(esize * size);
        if (data == 0) {
            return ENOMEM;
        }
        set(f, 0, 0, size - 1, esize, data);
        return 0;
    }

    /** Copies len elements from src into the ring at element position off (kfifo_copy_in). */
    private void copyIn(long f, long src, long len, long off) {
        long size = mask(f) + 1, esize = esize(f), data = mem.load(f + 16, 8);
        off &= mask(f);
        long l = Math.min(len, size - off);
        b.copy(data + off * esize, src, l * esize);
        b.copy(data, src + l * esize, (len - l) * esize);
    }

    /** Models __kfifo_out_peek(): copies up to len elements out, leaving them in the fifo. */
    private long peek(long f, long dst, long len) {
        len = Math.min(len, used(f));
        long size = mask(f) + 1, esize = esize(f), data = mem.load(f + 16, 8);
        long off = out(f) & mask(f);
        long l = Math.min(len, size - off);
        b.copy(dst, data + off * esize, l * esize);
        b.copy(dst + l * esize, data, (len - l) * esize);
        return len;
    }

    /**
     * Models __kfifo_to_user() and __kfifo_from_user(): len bytes, in whole elements, limited by
     * what the fifo holds (or has room for); *copied gets the bytes moved; -EFAULT at a bad user
     * address (the elements before it count), else 0.
     */
    private long userCopy(long f, long user, long len, long copiedPtr, boolean toUser) {
        long esize = esize(f);
        if (esize != 1) {
            len /= esize;
        }
        len = Math.min(len, toUser ? used(f) : unused(f));
        long size = mask(f) + 1, data = mem.load(f + 16, 8);
        long off = (toUser ? out(f) : in(f)) & mask(f);
        long bytes = len * esize;
        long done = 0;
        boolean fault = false;
        for (; done < bytes; done++) {
            long slot = data + ((off * esize + done) % (size * esize));
            long u = user + done;
            if (!Layout.isUser(u)) {
                fault = true;
                break;
            }
            try {
                if (toUser) {
                    mem.store(u, 1, mem.load(slot, 1));
                } else {
                    mem.store(slot, 1, mem.load(u, 1));
                }
            } catch (PageFault pf) {
                if (!Layout.isUser(pf.address())) {
                    throw pf;
                }
                fault = true;
                break;
            }
        }
        long elements = fault ? done / esize : len;
        long copied = fault ? elements * esize : bytes;
        mem.store(copiedPtr, 4, copied);
        if (toUser) {
            mem.store(f + 4, 4, out(f) + elements);
        } else {
            mem.store(f, 4, in(f) + elements);
        }
        return fault ? EFAULT : 0;
    }
}
