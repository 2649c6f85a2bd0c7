package dev.kplay.kernel.fs;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.vm.PageFault;

/*
 * lib/iov_iter.c for the one kind of iterator kplay's VFS makes: new_sync_read()/new_sync_write()
 * give read_iter and write_iter a struct kiocb and an ITER_IOVEC iov_iter over one iovec (the
 * caller's user buffer). _copy_to_iter()/_copy_from_iter() copy at the iterator's position and
 * advance it (iov_offset up, count down), stopping short at a user page that faults, as
 * copyout()/copyin() do.
 *
 * Layouts (kplay's <linux/uio.h>, <linux/fs.h>): struct iov_iter (40): iter_type@0 nofault@1
 * data_source@2 user_backed@3 iov_offset@8 count@16 iov@24 nr_segs@32; struct iovec (16):
 * iov_base@0 iov_len@8; struct kiocb (48): ki_filp@0 ki_pos@8.
 */

/** Kernel-side iov_iter and kiocb. */
public final class IovIter {
    public static final int SIZE = 40, TYPE = 0, DATA_SOURCE = 2, USER_BACKED = 3, OFFSET = 8, COUNT = 16, IOV = 24,
            NR_SEGS = 32;
    public static final int KIOCB_SIZE = 48, KI_FILP = 0, KI_POS = 8;
    static final int IOVEC_SIZE = 16, ITER_IOVEC = 0;

    private IovIter() {}

    /** Models iov_iter_init(i, direction, iov, nr_segs, count). */
    public static void init(AddressSpace mem, long i, int direction, long iov, long nrSegs, long count) {
        for (int o = 0; o < SIZE; o += 8) {
            mem.store(i + o, 8, 0);
        }
        mem.store(i + TYPE, 1, ITER_IOVEC);
        mem.store(i + DATA_SOURCE, 1, direction & 1);
        mem.store(i + USER_BACKED, 1, 1);
        mem.store(i + IOV, 8, iov);
        mem.store(i + NR_SEGS, 8, nrSegs);
        mem.store(i + COUNT, 8, count);
    }

    /** Models _copy_to_iter(): up to bytes from kernel memory at addr into the iterator; how many it copied. */
    public static long copyTo(AddressSpace mem, long addr, long bytes, long i) {
        return copy(mem, addr, bytes, i, true);
    }

    /** Models _copy_from_iter(): up to bytes from the iterator into kernel memory at addr; how many. */
    public static long copyFrom(AddressSpace mem, long addr, long bytes, long i) {
        return copy(mem, addr, bytes, i, false);
    }

    /** _copy_to_iter() of bytes the kernel holds in Java (seq_file's buffer): how many it copied. */
    public static int copyBytesTo(AddressSpace mem, byte[] data, long i) {
        int done = 0;
        while (done < data.length && mem.load(i + COUNT, 8) > 0) {
            long segs = mem.load(i + NR_SEGS, 8);
            long iov = mem.load(i + IOV, 8);
            if (segs == 0) {
                break;
            }
            long off = mem.load(i + OFFSET, 8);
            if (off >= mem.load(iov + 8, 8)) {
                mem.store(i + IOV, 8, iov + IOVEC_SIZE);
                mem.store(i + NR_SEGS, 8, segs - 1);
                mem.store(i + OFFSET, 8, 0);
                continue;
            }
            long u = mem.load(iov, 8) + off;
            if (!Layout.isUser(u)) {
                break;
            }
            try {
                mem.store(u, 1, data[done]);
            } catch (PageFault pf) {
                if (!Layout.isUser(pf.address())) {
                    throw pf;
                }
                break;
            }
            done++;
            mem.store(i + OFFSET, 8, off + 1);
            mem.store(i + COUNT, 8, mem.load(i + COUNT, 8) - 1);
        }
        return done;
    }

    private static long copy(AddressSpace mem, long addr, long bytes, long i, boolean toIter) {
        long n = Math.min(bytes, mem.load(i + COUNT, 8));
        long done = 0;
        while (done < n) {
            long segs = mem.load(i + NR_SEGS, 8);
            long iov = mem.load(i + IOV, 8);
            if (segs == 0) {
                break;
            }
            long off = mem.load(i + OFFSET, 8);
            long len = mem.load(iov + 8, 8);
            if (off >= len) {
                mem.store(i + IOV, 8, iov + IOVEC_SIZE);
                mem.store(i + NR_SEGS, 8, segs - 1);
                mem.store(i + OFFSET, 8, 0);
                continue;
            }
            long user = mem.load(iov, 8) + off;
            long chunk = Math.min(n - done, len - off);
            long moved = 0;
            for (; moved < chunk; moved++) {
                long u = user + moved;
                if (!Layout.isUser(u)) {
                    break;
                }
                try {
                    if (toIter) {
                        mem.store(u, 1, mem.load(addr + done + moved, 1));
                    } else {
                        mem.store(addr + done + moved, 1, mem.load(u, 1));
                    }
                } catch (PageFault pf) {
                    if (!Layout.isUser(pf.address())) {
                        throw pf;
                    }
                    break;
                }
            }
            done += moved;
            mem.store(i + OFFSET, 8, off + moved);
            mem.store(i + COUNT, 8, mem.load(i + COUNT, 8) - moved);
            if (moved < chunk) {
                break;
            }
        }
        return done;
    }
}
