package dev.kplay.kernel.fs;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Slab;

/*
 * seq_file (fs/seq_file.c of Linux 6.1) over a struct seq_file in simulated memory, the one the
 * module's show() writes into through seq_printf(). The buffer rules are the kernel's: a record that
 * does not fit sets count = size (overflow) and seq_read retries it with a buffer twice as large;
 * read picks up where the last read left off (read_pos), and a read at another offset traverses the
 * records again from the start.
 *
 * The iterator callbacks (start/next/stop/show) are module code, run through {@link Callbacks} on
 * the reading task; single_open's start/next/stop are the kernel's own (single_start...), done here
 * in Java. struct seq_file: buf@0 size@8 from@16 count@24 pad_until@32 index@40 read_pos@48
 * lock@56 op@88 poll_event@96 file@104 private@112; struct seq_operations: start@0 stop@8 next@16
 * show@24 (kplay's <linux/seq_file.h>).
 */

/** The seq_file buffer and iterator. */
public final class SeqFile {
    public static final int SIZE = 120;
    public static final int BUF = 0, BUF_SIZE = 8, FROM = 16, COUNT = 24, INDEX = 40, READ_POS = 48, OP = 88,
            FILE = 104, PRIVATE = 112;
    public static final int OP_START = 0, OP_STOP = 8, OP_NEXT = 16, OP_SHOW = 24, OPS_SIZE = 32;
    static final long PAGE_SIZE = 4096;
    static final long EAGAIN = -11, ENOMEM = -12, EFAULT = -14, EINVAL = -22;

    /** Runs a seq_operations callback on the reading task; throws {@link Stopped} if it died or blocked. */
    public interface Callbacks {
        long call(long fn, long... args);

        /** The kernel's single_start, single_next and single_stop, which need no module code. */
        boolean isSingle(long fn);

        /** Copies bytes to the reader; returns how many were taken. */
        int copyOut(byte[] bytes);
    }

    /** The task running a callback oopsed or went to sleep: the read ends there. */
    public static final class Stopped extends RuntimeException {
        public final long result;

        public Stopped(long result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private final AddressSpace mem;
    private final Slab slab;

    public SeqFile(AddressSpace mem, Slab slab) {
        this.mem = mem;
        this.slab = slab;
    }

    // ---- what show() calls ---------------------------------------------------------------------

    /** Models seq_vprintf() with the formatted text: appended, or the buffer marked overflowed. */
    public void printf(long m, String text) {
        long count = mem.load(m + COUNT, 8), size = mem.load(m + BUF_SIZE, 8);
        if (count < size && count + text.length() < size) {
            long buf = mem.load(m + BUF, 8);
            for (int i = 0; i < text.length(); i++) {
                mem.store(buf + count + i, 1, text.charAt(i));
            }
            mem.store(m + COUNT, 8, count + text.length());
            return;
        }
        mem.store(m + COUNT, 8, size);
    }

    /** Models seq_puts(): all of s, or overflow. */
    public void puts(long m, String s) {
        printf(m, s);
    }

    /** Models seq_putc(): one byte if there is room (no overflow mark, as in 6.1). */
    public void putc(long m, int c) {
        long count = mem.load(m + COUNT, 8), size = mem.load(m + BUF_SIZE, 8);
        if (count >= size) {
            return;
        }
        mem.store(mem.load(m + BUF, 8) + count, 1, c);
        mem.store(m + COUNT, 8, count + 1);
    }

    /** Models seq_write(): 0, or -1 and overflow. */
    public long write(long m, byte[] data) {
        long count = mem.load(m + COUNT, 8), size = mem.load(m + BUF_SIZE, 8);
        if (count + data.length < size) {
            mem.write(mem.load(m + BUF, 8) + count, data);
            mem.store(m + COUNT, 8, count + data.length);
            return 0;
        }
        mem.store(m + COUNT, 8, size);
        return -1;
    }

    // ---- open and release ----------------------------------------------------------------------

    /** Models seq_open(): a zeroed struct seq_file in file->private_data; 0 or -ENOMEM. */
    public long open(long file, long op) {
        long m = slab.kmalloc(SIZE);
        if (m == 0) {
            return ENOMEM;
        }
        for (int i = 0; i < SIZE; i += 8) {
            mem.store(m + i, 8, 0);
        }
        mem.store(file + Files.PRIVATE_DATA, 8, m);
        mem.store(m + OP, 8, op);
        mem.store(m + FILE, 8, file);
        mem.store(file + Files.VERSION, 8, 0);
        mem.store(file + Files.MODE, 4, mem.load(file + Files.MODE, 4) & ~0x10L);
        return 0;
    }

    /** Models single_open(): seq_operations of the kernel's single_* and the module's show. */
    public long singleOpen(long file, long show, long data, long singleStart, long singleNext, long singleStop) {
        long op = slab.kmalloc(OPS_SIZE);
        if (op == 0) {
            return ENOMEM;
        }
        mem.store(op + OP_START, 8, singleStart);
        mem.store(op + OP_NEXT, 8, singleNext);
        mem.store(op + OP_STOP, 8, singleStop);
        mem.store(op + OP_SHOW, 8, show);
        long r = open(file, op);
        if (r != 0) {
            slab.kfree(op);
            return r;
        }
        mem.store(mem.load(file + Files.PRIVATE_DATA, 8) + PRIVATE, 8, data);
        return 0;
    }

    /** Models seq_release(): the buffer and the seq_file go. */
    public long release(long file) {
        long m = mem.load(file + Files.PRIVATE_DATA, 8);
        slab.kfree(mem.load(m + BUF, 8));
        slab.kfree(m);
        return 0;
    }

    /** Models single_release(): seq_release() and the seq_operations single_open() allocated. */
    public long singleRelease(long file) {
        long m = mem.load(file + Files.PRIVATE_DATA, 8);
        long op = mem.load(m + OP, 8);
        release(file);
        slab.kfree(op);
        return 0;
    }

    // ---- read and lseek ------------------------------------------------------------------------

    private long start(Callbacks cb, long m) {
        long fn = mem.load(mem.load(m + OP, 8) + OP_START, 8);
        if (cb.isSingle(fn)) {
            return mem.load(m + INDEX, 8) != 0 ? 0 : 1;   // SEQ_START_TOKEN
        }
        return cb.call(fn, m, m + INDEX);
    }

    private long next(Callbacks cb, long m, long p) {
        long fn = mem.load(mem.load(m + OP, 8) + OP_NEXT, 8);
        if (cb.isSingle(fn)) {
            mem.store(m + INDEX, 8, mem.load(m + INDEX, 8) + 1);
            return 0;
        }
        return cb.call(fn, m, p, m + INDEX);
    }

    private void stop(Callbacks cb, long m, long p) {
        long fn = mem.load(mem.load(m + OP, 8) + OP_STOP, 8);
        if (!cb.isSingle(fn)) {
            cb.call(fn, m, p);
        }
    }

    private int show(Callbacks cb, long m, long p) {
        return (int) cb.call(mem.load(mem.load(m + OP, 8) + OP_SHOW, 8), m, p);
    }

    private static boolean isErr(long p) {
        return Long.compareUnsigned(p, -4095L) >= 0;
    }

    private boolean overflowed(long m) {
        return mem.load(m + COUNT, 8) == mem.load(m + BUF_SIZE, 8);
    }

    private boolean allocBuf(long m, long size) {
        mem.store(m + BUF_SIZE, 8, size);
        long buf = slab.kmalloc(size);
        mem.store(m + BUF, 8, buf);
        return buf != 0;
    }

    /** Models traverse(): runs the records up to offset; 0, -EAGAIN (buffer grown) or an error. */
    private long traverse(Callbacks cb, long m, long offset) {
        long pos = 0, error = 0;
        mem.store(m + INDEX, 8, 0);
        mem.store(m + COUNT, 8, 0);
        mem.store(m + FROM, 8, 0);
        if (offset == 0) {
            return 0;
        }
        if (mem.load(m + BUF, 8) == 0 && !allocBuf(m, PAGE_SIZE)) {
            return ENOMEM;
        }
        long p = start(cb, m);
        while (p != 0) {
            error = p;
            if (isErr(p)) {
                break;
            }
            error = show(cb, m, p);
            if (error < 0) {
                break;
            }
            if (error != 0) {
                error = 0;
                mem.store(m + COUNT, 8, 0);
            }
            if (overflowed(m)) {
                stop(cb, m, p);
                slab.kfree(mem.load(m + BUF, 8));
                mem.store(m + COUNT, 8, 0);
                return allocBuf(m, mem.load(m + BUF_SIZE, 8) << 1) ? EAGAIN : ENOMEM;
            }
            p = next(cb, m, p);
            long count = mem.load(m + COUNT, 8);
            if (pos + count > offset) {
                mem.store(m + FROM, 8, offset - pos);
                mem.store(m + COUNT, 8, count - (offset - pos));
                break;
            }
            pos += count;
            mem.store(m + COUNT, 8, 0);
            if (pos == offset) {
                break;
            }
        }
        stop(cb, m, p);
        return error;
    }

    /**
     * Models seq_read_iter() for a read of {@code size} bytes at *ppos (file->f_pos): copies records
     * out through the callbacks' copyOut; returns the bytes copied or -errno, and moves *ppos.
     */
    public long read(Callbacks cb, long file, long ppos, long size) {
        long m = mem.load(file + Files.PRIVATE_DATA, 8);
        long copied = 0, err = 0;
        if (size == 0) {
            return 0;
        }
        long kiPos = mem.load(ppos, 8);
        if (kiPos == 0) {
            mem.store(m + INDEX, 8, 0);
            mem.store(m + COUNT, 8, 0);
        }
        done:
        {
            if (kiPos != mem.load(m + READ_POS, 8)) {
                while ((err = traverse(cb, m, kiPos)) == EAGAIN) {
                    // the buffer grew: walk again
                }
                if (err != 0) {
                    mem.store(m + READ_POS, 8, 0);
                    mem.store(m + INDEX, 8, 0);
                    mem.store(m + COUNT, 8, 0);
                    break done;
                }
                mem.store(m + READ_POS, 8, kiPos);
            }
            if (mem.load(m + BUF, 8) == 0 && !allocBuf(m, PAGE_SIZE)) {
                err = ENOMEM;
                break done;
            }
            long count = mem.load(m + COUNT, 8);
            if (count != 0) {
                long from = mem.load(m + FROM, 8);
                int n = cb.copyOut(mem.read(mem.load(m + BUF, 8) + from, (int) Math.min(count, size)));
                mem.store(m + COUNT, 8, count - n);
                mem.store(m + FROM, 8, from + n);
                copied += n;
                if (count - n != 0) {
                    break done;
                }
            }
            mem.store(m + FROM, 8, 0);
            long p = start(cb, m);
            boolean fill = false;
            while (true) {
                err = p;
                if (p == 0 || isErr(p)) {
                    break;
                }
                err = show(cb, m, p);
                if (err < 0) {
                    break;
                }
                if (err != 0) {
                    mem.store(m + COUNT, 8, 0);
                }
                if (mem.load(m + COUNT, 8) == 0) {
                    p = next(cb, m, p);
                    continue;
                }
                if (!overflowed(m)) {
                    fill = true;
                    break;
                }
                stop(cb, m, p);
                slab.kfree(mem.load(m + BUF, 8));
                mem.store(m + COUNT, 8, 0);
                if (!allocBuf(m, mem.load(m + BUF_SIZE, 8) << 1)) {
                    err = ENOMEM;
                    break done;
                }
                p = start(cb, m);
            }
            if (!fill) {
                stop(cb, m, p);
                mem.store(m + COUNT, 8, 0);
                break done;
            }
            while (true) {
                long offs = mem.load(m + COUNT, 8);
                long pos = mem.load(m + INDEX, 8);
                p = next(cb, m, p);
                if (pos == mem.load(m + INDEX, 8)) {
                    mem.store(m + INDEX, 8, pos + 1);
                }
                if (p == 0 || isErr(p)) {
                    break;
                }
                if (mem.load(m + COUNT, 8) >= size - copied) {
                    break;
                }
                err = show(cb, m, p);
                if (err > 0) {
                    mem.store(m + COUNT, 8, offs);
                } else if (err != 0 || overflowed(m)) {
                    mem.store(m + COUNT, 8, offs);
                    break;
                }
            }
            stop(cb, m, p);
            long have = mem.load(m + COUNT, 8);
            int n = cb.copyOut(mem.read(mem.load(m + BUF, 8), (int) Math.min(have, size - copied)));
            copied += n;
            mem.store(m + COUNT, 8, have - n);
            mem.store(m + FROM, 8, n);
        }
        if (copied == 0) {
            return mem.load(m + COUNT, 8) != 0 ? EFAULT : err;
        }
        mem.store(ppos, 8, kiPos + copied);
        mem.store(m + READ_POS, 8, mem.load(m + READ_POS, 8) + copied);
        return copied;
    }

    /** Models seq_lseek(): SEEK_SET and SEEK_CUR only (-EINVAL otherwise); the new position or -errno. */
    public long lseek(Callbacks cb, long file, long offset, int whence) {
        long m = mem.load(file + Files.PRIVATE_DATA, 8);
        long fpos = file + Files.POS;
        if (whence == 1) {
            offset += mem.load(fpos, 8);
        } else if (whence != 0) {
            return EINVAL;
        }
        if (offset < 0) {
            return EINVAL;
        }
        if (offset == mem.load(m + READ_POS, 8)) {
            mem.store(fpos, 8, offset);
            return offset;
        }
        long r;
        while ((r = traverse(cb, m, offset)) == EAGAIN) {
            // the buffer grew: walk again
        }
        if (r != 0) {
            mem.store(fpos, 8, 0);
            mem.store(m + READ_POS, 8, 0);
            mem.store(m + INDEX, 8, 0);
            mem.store(m + COUNT, 8, 0);
            return r;
        }
        mem.store(m + READ_POS, 8, offset);
        mem.store(fpos, 8, offset);
        return offset;
    }
}
