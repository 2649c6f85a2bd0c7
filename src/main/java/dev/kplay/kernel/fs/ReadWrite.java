package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.Task;

import java.util.List;

import static dev.kplay.kernel.syscall.Syscalls.RUNNING;

/*
 * fs/read_write.c for files whose operations are module code: vfs_read() and vfs_write() through
 * fops->read/write with a user buffer (or read_iter/write_iter through new_sync_read/write), and vfs_llseek() through fops->llseek, plus the llseek
 * family modules name in their file_operations (default_llseek, generic_file_llseek[_size],
 * fixed_size_llseek, no_seek_end_llseek[_size], noop_llseek, no_llseek, vfs_setpos), which work
 * on the struct file in memory exactly as 6.1's do. A file whose f_mode lost FMODE_LSEEK (no
 * llseek at open, nonseekable_open(), stream_open()) refuses lseek with ESPIPE; a stream file
 * (FMODE_STREAM) gets a NULL ppos in read and write, as file_ppos() gives it.
 */

/** vfs_read, vfs_write and vfs_llseek of module file operations. */
public final class ReadWrite {
    static final int NR_READ = 0, NR_WRITE = 1, NR_LSEEK = 8;
    static final int EINVAL = 22, ESPIPE = 29, ENXIO = 6;
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;
    /** MAX_LFS_FILESIZE: s_maxbytes of the filesystems kplay's device nodes and files live on. */
    public static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;
    public static final List<String> PATH_READ = Fops.path("vfs_read+0xa5/0x310", "ksys_read+0x6b/0xf0");
    public static final List<String> PATH_WRITE = Fops.path("vfs_write+0xc9/0x3f0", "ksys_write+0x6b/0xf0");
    public static final List<String> PATH_LSEEK = Fops.path("ksys_lseek+0x68/0xb0");

    private final Kernel k;

    public ReadWrite(Kernel k) {
        this.k = k;
    }

    /** Models vfs_read() through fops->read: the bytes read (in out[0]) or -errno, or DIED/RUNNING. */
    public long vfsRead(Task t, OpenFile f, int count, byte[][] out) {
        return driverIo(t, f, Fops.READ, null, count, out);
    }

    /** Models vfs_write() through fops->write: bytes written or -errno, or DIED/RUNNING. */
    public long vfsWrite(Task t, OpenFile f, byte[] data) {
        return driverIo(t, f, Fops.WRITE, data, data.length, null);
    }

    private long driverIo(Task t, OpenFile f, int fopsOffset, byte[] in, int count, byte[][] out) {
        long fn = k.memory().load(f.fops() + fopsOffset, 8);
        long iterFn = fn != 0 ? 0 : k.memory().load(f.fops() + (in != null ? Fops.WRITE_ITER : Fops.READ_ITER), 8);
        if (fn == 0 && iterFn == 0) {
            return -EINVAL;
        }
        long filp = f.filp();
        boolean stream = (Files.mode(k.memory(), filp) & Files.FMODE_STREAM) != 0;
        long ppos = stream ? 0 : filp + Files.POS;
        k.memory().store(filp + Files.POS, 8, f.pos());
        int n = in != null ? in.length : Math.max(0, Math.min(count, 1 << 20));
        k.memory().map(Layout.USER_BUFFER, Math.max(1, n));
        if (in != null) {
            k.memory().write(Layout.USER_BUFFER, in);
        }
        t.setSyscallNr(in != null ? NR_WRITE : NR_READ);
        java.util.function.LongUnaryOperator done = ret -> {
            if (out != null && ret >= 0) {
                out[0] = k.memory().read(Layout.USER_BUFFER, (int) Math.min(ret, n));
            }
            f.setPos(k.memory().load(filp + Files.POS, 8));
            return ret;
        };
        long r = fn != 0
                ? Fops.call(k, t, fn, new long[] {filp, Layout.USER_BUFFER, n, ppos}, in != null ? PATH_WRITE : PATH_READ, done)
                : newSync(t, filp, iterFn, in != null, Layout.USER_BUFFER, n, ppos,
                        in != null ? PATH_WRITE_ITER : PATH_READ_ITER, done);
        if (r != RUNNING) {
            k.memory().unmap(Layout.USER_BUFFER, Math.max(1, n));
        }
        return r;
    }

    static final List<String> PATH_READ_ITER = Fops.path("vfs_read+0x1ab/0x310", "ksys_read+0x6b/0xf0");
    static final List<String> PATH_WRITE_ITER = Fops.path("vfs_write+0x1ba/0x3f0", "ksys_write+0x6b/0xf0");

    /**
     * Models new_sync_read()/new_sync_write(): a synchronous kiocb at *ppos (0 for a stream) and an
     * ITER_IOVEC iov_iter over [ubuf, ubuf+n), then fops->read_iter/write_iter(kiocb, iter) on the
     * task; *ppos takes ki_pos back. The result through then, or DIED/RUNNING.
     */
    public long newSync(Task t, long filp, long iterFn, boolean write, long ubuf, long n, long ppos, List<String> path,
                        java.util.function.LongUnaryOperator then) {
        AddressSpace mem = k.memory();
        long kiocb = k.slab().kmalloc(IovIter.KIOCB_SIZE);
        long iov = k.slab().kmalloc(16);
        long iter = k.slab().kmalloc(IovIter.SIZE);
        if (kiocb == 0 || iov == 0 || iter == 0) {
            k.slab().kfree(kiocb);
            k.slab().kfree(iov);
            k.slab().kfree(iter);
            return -12;
        }
        mem.store(kiocb + IovIter.KI_FILP, 8, filp);
        mem.store(kiocb + IovIter.KI_POS, 8, ppos == 0 ? 0 : mem.load(ppos, 8));
        mem.store(iov, 8, ubuf);
        mem.store(iov + 8, 8, n);
        IovIter.init(mem, iter, write ? 1 : 0, iov, 1, n);
        return Fops.call(k, t, iterFn, new long[] {kiocb, iter}, path, ret -> {
            if (ppos != 0) {
                mem.store(ppos, 8, mem.load(kiocb + IovIter.KI_POS, 8));
            }
            k.slab().kfree(kiocb);
            k.slab().kfree(iov);
            k.slab().kfree(iter);
            return then.applyAsLong(ret);
        });
    }

    /**
     * Models vfs_llseek() on a module's file: -ESPIPE without FMODE_LSEEK, else fops->llseek on the
     * calling task; the new position or -errno, or DIED/RUNNING.
     */
    public long vfsLlseek(Task t, OpenFile f, long offset, int whence) {
        long filp = f.filp();
        if ((Files.mode(k.memory(), filp) & Files.FMODE_LSEEK) == 0) {
            return -ESPIPE;
        }
        long fn = k.memory().load(f.fops() + Fops.LLSEEK, 8);
        k.memory().store(filp + Files.POS, 8, f.pos());
        t.setSyscallNr(NR_LSEEK);
        return Fops.call(k, t, fn, new long[] {filp, offset, whence}, PATH_LSEEK, ret -> {
            f.setPos(k.memory().load(filp + Files.POS, 8));
            return ret;
        });
    }

    // ---- the llseek family (file at `file` in memory) --------------------------------------------

    /** Models vfs_setpos(): f_pos = offset (f_version reset when it moves); -EINVAL below 0 or past maxsize. */
    public static long vfsSetpos(AddressSpace mem, long file, long offset, long maxsize) {
        if (offset < 0 || offset > maxsize) {
            return -EINVAL;
        }
        if (offset != mem.load(file + Files.POS, 8)) {
            mem.store(file + Files.POS, 8, offset);
            mem.store(file + Files.VERSION, 8, 0);
        }
        return offset;
    }

    /** Models generic_file_llseek_size(): SEEK_SET/CUR/END/DATA/HOLE against eof, bounded by maxsize. */
    public static long genericFileLlseekSize(AddressSpace mem, long file, long offset, int whence, long maxsize, long eof) {
        switch (whence) {
            case SEEK_END -> offset += eof;
            case SEEK_CUR -> {
                long pos = mem.load(file + Files.POS, 8);
                return offset == 0 ? pos : vfsSetpos(mem, file, pos + offset, maxsize);
            }
            case SEEK_DATA -> {
                if (Long.compareUnsigned(offset, eof) >= 0) {
                    return -ENXIO;
                }
            }
            case SEEK_HOLE -> {
                if (Long.compareUnsigned(offset, eof) >= 0) {
                    return -ENXIO;
                }
                offset = eof;
            }
            default -> { }
        }
        return vfsSetpos(mem, file, offset, maxsize);
    }

    /** Models generic_file_llseek(): the inode's i_size is the end, s_maxbytes (MAX_LFS_FILESIZE) the limit. */
    public static long genericFileLlseek(AddressSpace mem, long file, long offset, int whence) {
        return genericFileLlseekSize(mem, file, offset, whence, MAX_LFS_FILESIZE, iSize(mem, file));
    }

    /** Models fixed_size_llseek(): SEEK_SET/CUR/END within [0, size]; -EINVAL for other whence. */
    public static long fixedSizeLlseek(AddressSpace mem, long file, long offset, int whence, long size) {
        return whence <= SEEK_END ? genericFileLlseekSize(mem, file, offset, whence, size, size) : -EINVAL;
    }

    /** Models no_seek_end_llseek_size(): SEEK_SET/CUR within [0, size]; -EINVAL for other whence. */
    public static long noSeekEndLlseekSize(AddressSpace mem, long file, long offset, int whence, long size) {
        return whence <= SEEK_CUR ? genericFileLlseekSize(mem, file, offset, whence, size, 0) : -EINVAL;
    }

    /** Models default_llseek(): i_size is the end; the position may not go below 0. */
    public static long defaultLlseek(AddressSpace mem, long file, long offset, int whence) {
        long size = iSize(mem, file);
        long pos = mem.load(file + Files.POS, 8);
        switch (whence) {
            case SEEK_END -> offset += size;
            case SEEK_CUR -> {
                if (offset == 0) {
                    return pos;
                }
                offset += pos;
            }
            case SEEK_DATA -> {
                if (offset >= size) {
                    return -ENXIO;
                }
            }
            case SEEK_HOLE -> {
                if (offset >= size) {
                    return -ENXIO;
                }
                offset = size;
            }
            default -> { }
        }
        if (offset < 0) {
            return -EINVAL;
        }
        if (offset != pos) {
            mem.store(file + Files.POS, 8, offset);
            mem.store(file + Files.VERSION, 8, 0);
        }
        return offset;
    }

    /** Models noop_llseek(): the position stays; it is returned. */
    public static long noopLlseek(AddressSpace mem, long file) {
        return mem.load(file + Files.POS, 8);
    }

    /** Models no_llseek(): -ESPIPE. */
    public static long noLlseek() {
        return -ESPIPE;
    }

    private static long iSize(AddressSpace mem, long file) {
        return mem.load(Files.inode(mem, file) + Files.I_SIZE, 8);
    }

    /**
     * Models generic_file_llseek() on an open file of kplay's own (a regular file, a /proc or sysfs
     * file made by the kernel) whose end is {@code size}; {@code seqFile} for seq_file-backed ones
     * (seq_lseek: SEEK_SET and SEEK_CUR only). The new position or -errno.
     */
    public static long llseekPlain(OpenFile f, long offset, int whence, long size, boolean seqFile) {
        long pos = f.pos();
        long to;
        switch (whence) {
            case SEEK_SET -> to = offset;
            case SEEK_CUR -> to = pos + offset;
            case SEEK_END -> to = seqFile ? -1 : size + offset;
            case SEEK_DATA -> {
                if (seqFile) {
                    return -EINVAL;
                }
                if (Long.compareUnsigned(offset, size) >= 0) {
                    return -ENXIO;
                }
                to = offset;
            }
            case SEEK_HOLE -> {
                if (seqFile) {
                    return -EINVAL;
                }
                if (Long.compareUnsigned(offset, size) >= 0) {
                    return -ENXIO;
                }
                to = size;
            }
            default -> to = -1;
        }
        if (to < 0) {
            return -EINVAL;
        }
        f.setPos(to);
        return to;
    }
}
