package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Files;
import dev.kplay.kernel.fs.SeqFile;
import dev.kplay.kernel.mm.AddressSpace;

/*
 * The seq_file API (fs/seq_file.c) as module code calls it: opening and releasing, and the
 * seq_printf family that show() uses to fill the buffer. seq_read, seq_read_iter and seq_lseek
 * are here for their addresses: the VFS recognises them in a proc_ops or file_operations and runs
 * the iterator itself (fs/ProcReg), since it calls back into the module. single_start,
 * single_next and single_stop are kernel functions single_open() puts in its seq_operations.
 */

/** seq_file exports. */
final class SeqFileExports {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Builtins builtins;
    private final SeqFile seq;

    SeqFileExports(Kernel k, Builtins builtins) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.builtins = builtins;
        this.seq = new SeqFile(k.memory(), k.slab());
    }

    void register() {
        long singleStart = t.internal("single_start", 0x20);
        long singleNext = t.internal("single_next", 0x20);
        long singleStop = t.internal("single_stop", 0x10);
        t.function("seq_read", 0xe0, (a, s) -> seq.read(nested(a[1], singleStart, singleNext, singleStop), a[0], a[3], a[2]));
        // seq_read_iter(iocb, iter): the iterator's buffer gets what seq_read would give; ki_pos moves
        t.function("seq_read_iter", 0x4a0, (a, s) -> seq.read(iterCallbacks(a[1], singleStart, singleNext, singleStop),
                mem.load(a[0] + dev.kplay.kernel.fs.IovIter.KI_FILP, 8), a[0] + dev.kplay.kernel.fs.IovIter.KI_POS,
                mem.load(a[1] + dev.kplay.kernel.fs.IovIter.COUNT, 8)));
        t.function("seq_lseek", 0xf0, (a, s) -> seq.lseek(nested(0, singleStart, singleNext, singleStop), a[0], a[1], (int) a[2]));
        t.function("seq_open", 0x80, (a, s) -> seq.open(a[0], a[1]));
        t.function("seq_release", 0x30, (a, s) -> seq.release(a[1]));
        t.function("single_open", 0x90, (a, s) -> seq.singleOpen(a[0], a[1], a[2], singleStart, singleNext, singleStop));
        t.function("single_open_size", 0x80, (a, s) -> {
            long buf = k.slab().kmalloc(a[3]);
            if (buf == 0) {
                return -12;
            }
            long r = seq.singleOpen(a[0], a[1], a[2], singleStart, singleNext, singleStop);
            if (r != 0) {
                k.slab().kfree(buf);
                return r;
            }
            long m = mem.load(a[0] + Files.PRIVATE_DATA, 8);
            mem.store(m + SeqFile.BUF, 8, buf);
            mem.store(m + SeqFile.BUF_SIZE, 8, a[3]);
            return 0;
        });
        t.function("single_release", 0x40, (a, s) -> seq.singleRelease(a[1]));
        t.function("__seq_open_private", 0x70, (a, s) -> openPrivate(a[0], a[1], a[2]));
        t.function("seq_open_private", 0x20, (a, s) -> openPrivate(a[0], a[1], a[2]) == 0 ? -12 : 0);
        t.function("seq_release_private", 0x40, (a, s) -> {
            long m = mem.load(a[1] + Files.PRIVATE_DATA, 8);
            k.slab().kfree(mem.load(m + SeqFile.PRIVATE, 8));
            mem.store(m + SeqFile.PRIVATE, 8, 0);
            return seq.release(a[1]);
        });
        t.function("seq_printf", 0x90, (a, s) -> {
            seq.printf(a[0], builtins.format(a[1], a, 2));
            return 0;
        });
        t.function("seq_vprintf", 0x60, (a, s) -> {
            seq.printf(a[0], builtins.formatVa(a[1], a[2]));
            return 0;
        });
        t.function("seq_puts", 0x60, (a, s) -> {
            seq.puts(a[0], builtins.cstr(a[1]));
            return 0;
        });
        t.function("seq_putc", 0x30, (a, s) -> {
            seq.putc(a[0], (int) (a[1] & 0xff));
            return 0;
        });
        t.function("seq_write", 0x50, (a, s) -> seq.write(a[0], mem.read(a[1], (int) Math.max(0, Math.min(a[2], 1 << 20)))));
        t.function("seq_put_decimal_ull", 0x20, (a, s) -> {
            seq.puts(a[0], delimiter(a[1]) + Long.toUnsignedString(a[2]));
            return 0;
        });
        t.function("seq_put_decimal_ll", 0x110, (a, s) -> {
            seq.puts(a[0], delimiter(a[1]) + a[2]);
            return 0;
        });
        t.function("seq_put_hex_ll", 0x110, (a, s) -> {
            String hex = Long.toHexString(a[2]);
            while (hex.length() < (int) a[3]) {
                hex = "0" + hex;
            }
            seq.puts(a[0], delimiter(a[1]) + hex);
            return 0;
        });
        t.function("seq_list_start", 0x30, (a, s) -> {
            long pos = a[1];
            for (long lh = mem.load(a[0], 8); lh != a[0]; lh = mem.load(lh, 8)) {
                if (pos-- == 0) {
                    return lh;
                }
            }
            return 0;
        });
        t.function("seq_list_start_head", 0x40, (a, s) -> {
            if (a[1] == 0) {
                return a[0];
            }
            long pos = a[1] - 1;
            for (long lh = mem.load(a[0], 8); lh != a[0]; lh = mem.load(lh, 8)) {
                if (pos-- == 0) {
                    return lh;
                }
            }
            return 0;
        });
        t.function("seq_list_next", 0x20, (a, s) -> {
            long lh = mem.load(a[0], 8);
            mem.store(a[2], 8, mem.load(a[2], 8) + 1);
            return lh == a[1] ? 0 : lh;
        });
    }

    /** Callbacks for seq_read/seq_lseek called from module code: nested calls; bytes go to user buffer ubuf. */
    private SeqFile.Callbacks nested(long ubuf, long singleStart, long singleNext, long singleStop) {
        long[] written = {0};
        return new SeqFile.Callbacks() {
            @Override
            public long call(long fn, long... args) {
                return k.callModule(fn, args);
            }

            @Override
            public boolean isSingle(long fn) {
                return fn == singleStart || fn == singleNext || fn == singleStop;
            }

            @Override
            public int copyOut(byte[] bytes) {
                int n = 0;
                for (; n < bytes.length; n++) {
                    long at = ubuf + written[0] + n;
                    if (!dev.kplay.kernel.mm.Layout.isUser(at)) {
                        break;
                    }
                    try {
                        mem.store(at, 1, bytes[n]);
                    } catch (dev.kplay.vm.PageFault pf) {
                        break;
                    }
                }
                written[0] += n;
                return n;
            }
        };
    }

    /** Callbacks for seq_read_iter called from module code: nested calls; bytes go into the iov_iter. */
    private SeqFile.Callbacks iterCallbacks(long iter, long singleStart, long singleNext, long singleStop) {
        return new SeqFile.Callbacks() {
            @Override
            public long call(long fn, long... args) {
                return k.callModule(fn, args);
            }

            @Override
            public boolean isSingle(long fn) {
                return fn == singleStart || fn == singleNext || fn == singleStop;
            }

            @Override
            public int copyOut(byte[] bytes) {
                return dev.kplay.kernel.fs.IovIter.copyBytesTo(mem, bytes, iter);
            }
        };
    }

    private String delimiter(long addr) {
        return addr == 0 ? "" : builtins.cstr(addr);
    }

    /** Models __seq_open_private(): a zeroed private area of psize in seq->private; its address or NULL. */
    private long openPrivate(long file, long ops, long psize) {
        long p = k.slab().kmalloc(psize);
        if (p == 0) {
            return 0;
        }
        for (long i = 0; i < psize; i++) {
            mem.store(p + i, 1, 0);
        }
        if (seq.open(file, ops) != 0) {
            k.slab().kfree(p);
            return 0;
        }
        mem.store(mem.load(file + Files.PRIVATE_DATA, 8) + SeqFile.PRIVATE, 8, p);
        return p;
    }
}
