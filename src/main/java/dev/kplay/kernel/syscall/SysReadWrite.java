package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.DevFs;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Fifo;
import dev.kplay.kernel.fs.Fops;
import dev.kplay.kernel.fs.GeneratedFile;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.fs.ProcEntry;
import dev.kplay.kernel.fs.ProcReg;
import dev.kplay.kernel.fs.ReadWrite;
import dev.kplay.kernel.fs.RegularFile;
import dev.kplay.kernel.fs.SysfsAttr;
import dev.kplay.kernel.fs.SysfsFile;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.PageFault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.kplay.kernel.syscall.Syscalls.DIED;
import static dev.kplay.kernel.syscall.Syscalls.RUNNING;

/*
 * read(2), write(2) and lseek(2), as fs/read_write.c holds them: each goes by the kind of inode
 * behind the fd (a fifo, a regular file, a sysfs attribute, a generated proc or debugfs file, a
 * driver's file_operations, a /dev/mem device, a proc_create entry) to the code Linux would run.
 * SyscallTable hands these calls here so that it stays a table.
 */

/** The read, write and lseek syscalls (fs/read_write.c) behind {@link SyscallTable}. */
final class SysReadWrite {
    private final Kernel k;
    private final ReadWrite rw;
    private final ProcReg procReg;
    private final SysfsFile sysfs;
    private final PipeWait pipes;

    SysReadWrite(Kernel k, ReadWrite rw, ProcReg procReg, SysfsFile sysfs, PipeWait pipes) {
        this.k = k;
        this.rw = rw;
        this.procReg = procReg;
        this.sysfs = sysfs;
        this.pipes = pipes;
    }

    /** Models ksys_read(): the bytes read, or null with the task's last error set. */
    byte[] read(int pid, int fd, int count) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return null;
        }
        OpenFile f = t.files().get(fd);
        if (f == null || !f.readable()) {
            t.setLastError(Errno.EBADF);
            return null;
        }
        Inode inode = f.inode();
        if (inode.isDir()) {
            t.setLastError(Errno.EISDIR);
            return null;
        }
        if (inode instanceof Fifo p) {
            byte[] b = p.read(count);
            if (b == null) {
                pipes.sleep(t, () -> !p.readable(), () -> { });
                t.setLastError(SyscallTable.ERESTARTSYS);
                return null;
            }
            pipes.woke(t);
            return b;
        }
        if (inode instanceof RegularFile r) {
            byte[] b = r.read(f.pos(), count);
            f.setPos(f.pos() + b.length);
            return b;
        }
        if (inode instanceof SysfsAttr a) {
            try {
                return sysfs.read(t, f, a, count);
            } catch (PageFault pf) {
                return readFault(t, pf, "kernfs_fop_read_iter", "vfs_read+0x1c6/0x2b0");
            }
        }
        if (inode instanceof GeneratedFile g) {
            if (f.snapshot() == null) {
                String[] shown = new String[1];
                long r = k.inSyscall(t, () -> {
                    shown[0] = g.show();
                    return 0;
                });
                if (r == DIED) {
                    t.setLastError(Errno.EINTR);
                    return null;
                }
                if (shown[0] == null) {
                    t.setLastError(Errno.EIO);
                    return null;
                }
                f.setSnapshot(shown[0].getBytes(StandardCharsets.UTF_8));
            }
            byte[] s = f.snapshot();
            int from = (int) Math.min(f.pos(), s.length);
            int n = Math.min(count, s.length - from);
            f.setPos(from + n);
            return Arrays.copyOfRange(s, from, from + n);
        }
        if (f.fops() != 0) {
            byte[][] out = new byte[1][];
            long r;
            try {
                r = rw.vfsRead(t, f, count, out);
            } catch (PageFault pf) {
                r = k.kernelFault(t, pf, "vfs_read", 0x3b, ReadWrite.PATH_READ.subList(1, ReadWrite.PATH_READ.size()));
            }
            if (r == DIED || r == RUNNING) {
                t.setLastError(Errno.EINTR);
                return null;
            }
            if (r < 0) {
                t.setLastError((int) -r);
                return null;
            }
            return out[0] == null ? new byte[0] : out[0];
        }
        if (inode instanceof DevNode d) {
            return readDevice(t, f, d, count);
        }
        if (inode instanceof ProcEntry p) {
            try {
                return procReg.read(t, f, p, count);
            } catch (PageFault pf) {
                return readFault(t, pf, "proc_reg_read", "vfs_read+0xb0/0x2b0");
            }
        }
        t.setLastError(Errno.EINVAL);
        return null;
    }

    /** Models the /dev/mem family's read (read_zero, devkmsg_read, read_null); other devices -ENXIO. */
    private byte[] readDevice(Task t, OpenFile f, DevNode d, int count) {
        if (d.major() == DevFs.MEM_MAJOR && d.minor() == DevFs.ZERO_MINOR) {
            return new byte[count];
        }
        if (d.major() == DevFs.MEM_MAJOR && d.minor() == DevFs.KMSG_MINOR) {
            List<LogRecord> recs = k.log().after(f.pos() - 1);
            if (recs.isEmpty()) {
                t.setLastError(Errno.EAGAIN);
                return null;
            }
            LogRecord r = recs.get(0);
            f.setPos(r.seq() + 1);
            byte[] b = (r.kmsg() + "\n").getBytes(StandardCharsets.UTF_8);
            if (b.length > count) {
                t.setLastError(Errno.EINVAL);
                return null;
            }
            return b;
        }
        if (d.major() == DevFs.MEM_MAJOR && d.minor() == DevFs.NULL_MINOR) {
            return new byte[0];
        }
        t.setLastError(Errno.ENXIO);
        return null;
    }

    /** Models ksys_write(): the count written or -errno. */
    long write(int pid, int fd, byte[] data) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.files().get(fd);
        if (f == null || !f.writable()) {
            return -Errno.EBADF;
        }
        Inode inode = f.inode();
        if (inode instanceof Fifo p) {
            return p.write(data);
        }
        if (inode instanceof RegularFile r) {
            if ((f.flags() & OpenFile.O_APPEND) != 0) {
                f.setPos(r.size());
            }
            r.write(f.pos(), data);
            r.touch(SysOpen.wallSeconds(k));
            f.setPos(f.pos() + data.length);
            return data.length;
        }
        if (inode instanceof SysfsAttr a) {
            try {
                return sysfs.write(t, a, data);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "kernfs_fop_write_iter", 0x1e,
                        Fops.path("vfs_write+0x2b5/0x3f0", "ksys_write+0x6b/0xf0"));
            }
        }
        if (inode instanceof GeneratedFile g) {
            long r = k.inSyscall(t, () -> g.store(new String(data, StandardCharsets.UTF_8)));
            return r < 0 ? r : data.length;
        }
        if (f.fops() != 0) {
            try {
                return rw.vfsWrite(t, f, data);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "vfs_write", 0x3b, ReadWrite.PATH_WRITE.subList(1, ReadWrite.PATH_WRITE.size()));
            }
        }
        if (inode instanceof DevNode d) {
            if (d.major() == DevFs.MEM_MAJOR && d.minor() == DevFs.KMSG_MINOR) {
                String text = new String(data, StandardCharsets.UTF_8);
                int level = 4;
                if (text.matches("(?s)^<\\d>.*")) {
                    level = text.charAt(1) - '0';
                    text = text.substring(3);
                }
                k.printk().printkUser(level, text.endsWith("\n") ? text : text + "\n");
            }
            return data.length;
        }
        if (inode instanceof ProcEntry p) {
            try {
                return procReg.write(t, f, p, data);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "proc_reg_write", 0x1e, Fops.path("vfs_write+0xc9/0x3f0", "ksys_write+0x6b/0xf0"));
            }
        }
        return -Errno.EINVAL;
    }

    /** Models ksys_lseek() → vfs_llseek(); see {@link Syscalls#lseek}. */
    long lseek(int pid, int fd, long offset, int whence) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.files().get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (whence < 0 || whence > 4) {
            return -Errno.EINVAL;
        }
        Inode inode = f.inode();
        try {
            if (f.fops() != 0) {
                return rw.vfsLlseek(t, f, offset, whence);
            }
            if (inode instanceof ProcEntry p && f.filp() != 0) {
                return procReg.llseek(t, f, p, offset, whence);
            }
        } catch (PageFault pf) {
            return k.kernelFault(t, pf, "ksys_lseek", 0x5c, Fops.path());
        }
        if (inode instanceof DevNode d && d.major() == DevFs.MEM_MAJOR) {
            return memLseek(f, d, offset, whence);
        }
        if (inode instanceof DevNode) {
            return -Errno.ESPIPE;      // a device node with no driver behind it never opens; nothing to seek
        }
        long before = f.pos();
        long r;
        if (inode instanceof RegularFile rf) {
            r = ReadWrite.llseekPlain(f, offset, whence, rf.size(), false);
        } else if (inode instanceof SysfsAttr || inode instanceof GeneratedFile && f.path().startsWith("/sys/")) {
            r = ReadWrite.llseekPlain(f, offset, whence, 4096, false);      // kernfs: generic_file_llseek, i_size PAGE_SIZE
        } else {
            r = ReadWrite.llseekPlain(f, offset, whence, 0, true);          // seq_lseek (procfs, directories)
        }
        if (r >= 0 && (r != before || r == 0)) {
            f.setSnapshot(null);       // seq_read_iter() starts the text again from a new position
        }
        return r;
    }

    /** Models null_lseek() (/dev/null, /dev/zero: always 0) and devkmsg_llseek() (/dev/kmsg). */
    private long memLseek(OpenFile f, DevNode d, long offset, int whence) {
        if (d.minor() != DevFs.KMSG_MINOR) {
            f.setPos(0);
            return 0;
        }
        if (offset != 0) {
            return -Errno.ESPIPE;
        }
        List<LogRecord> all = k.log().records();
        switch (whence) {
            case 0 -> f.setPos(all.isEmpty() ? 0 : all.get(0).seq());
            case 3 -> {
                List<LogRecord> since = k.log().sinceClear();
                f.setPos(since.isEmpty() ? (all.isEmpty() ? 0 : all.get(all.size() - 1).seq() + 1) : since.get(0).seq());
            }
            case 2 -> f.setPos(all.isEmpty() ? 0 : all.get(all.size() - 1).seq() + 1);
            default -> {
                return -Errno.EINVAL;
            }
        }
        return 0;
    }

    /**
     * A page fault in the module's read handler under {@code fn} (reached from {@code vfsRead}):
     * the oops, and the read ends with EINTR for a task that survives it.
     */
    private byte[] readFault(Task t, PageFault pf, String fn, String vfsRead) {
        k.kernelFault(t, pf, fn, 0x1e, Fops.path(vfsRead, "ksys_read+0x6b/0xf0"));
        t.setLastError(Errno.EINTR);
        return null;
    }
}
