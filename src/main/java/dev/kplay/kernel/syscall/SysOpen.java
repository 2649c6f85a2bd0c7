package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.ChrdevOpen;
import dev.kplay.kernel.fs.DebugfsFile;
import dev.kplay.kernel.fs.DevFs;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.Fifo;
import dev.kplay.kernel.fs.Fops;
import dev.kplay.kernel.fs.GeneratedFile;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.fs.ProcEntry;
import dev.kplay.kernel.fs.ProcReg;
import dev.kplay.kernel.fs.RegularFile;
import dev.kplay.kernel.fs.SysfsAttr;
import dev.kplay.kernel.fs.Vfs;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.PageFault;

import java.util.List;
import java.util.function.LongSupplier;

import static dev.kplay.kernel.syscall.Syscalls.DIED;
import static dev.kplay.kernel.syscall.Syscalls.RUNNING;

/*
 * open(2), close(2) and dup2(2), as fs/open.c and fs/file.c hold them: the path lookup and the
 * checks before a file is opened, the driver's ->open (a character device, a debugfs proxy, a
 * proc_create entry) run on the calling task, and the last close that frees the struct file.
 * SyscallTable hands these calls here so that it stays a table.
 */

/** The open and close syscalls (fs/open.c, fs/file.c) behind {@link SyscallTable}. */
final class SysOpen {
    private final Kernel k;
    private final ChrdevOpen chrdev;
    private final ProcReg procReg;
    private final PipeWait pipes;

    SysOpen(Kernel k, ChrdevOpen chrdev, ProcReg procReg, PipeWait pipes) {
        this.k = k;
        this.chrdev = chrdev;
        this.procReg = procReg;
        this.pipes = pipes;
    }

    /** Models do_sys_open(): looks the path up (O_CREAT makes a regular file), runs the ->open, installs the fd. */
    long open(int pid, String path, int flags, int mode) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        Inode inode = k.vfs().lookup(path);
        boolean write = (flags & OpenFile.O_ACCMODE) != 0;
        if (inode == null) {
            if ((flags & OpenFile.O_CREAT) == 0) {
                return -Errno.ENOENT;
            }
            Dir parent = k.vfs().parent(path);
            if (parent == null) {
                return -Errno.ENOENT;
            }
            if (isVirtual(path)) {
                return -Errno.EACCES;
            }
            RegularFile f = new RegularFile(mode & 0777 & ~0022);
            f.touch(wallSeconds(k));
            parent.put(Vfs.baseName(path), f);
            inode = f;
        }
        if (inode.isDir() && write) {
            return -Errno.EISDIR;
        }
        if (inode instanceof GeneratedFile g && write && !g.writable()) {
            return -Errno.EACCES;
        }
        if (inode instanceof SysfsAttr && (write && (inode.mode() & 0222) == 0
                || (flags & OpenFile.O_ACCMODE) != OpenFile.O_WRONLY && (inode.mode() & 0444) == 0)) {
            return -Errno.EACCES;
        }
        if (inode instanceof RegularFile f && write && (flags & OpenFile.O_TRUNC) != 0) {
            f.truncate();
            f.touch(wallSeconds(k));
        }
        OpenFile file = new OpenFile(inode, path, flags);
        if (inode instanceof Fifo p && p.open(pid, file.readable(), file.writable()) == Fifo.WAITING) {
            return pipes.sleep(t, () -> p.waitingInOpen(pid), () -> p.abandonOpen(pid));
        }
        pipes.woke(t);
        if (inode instanceof RegularFile f && (flags & OpenFile.O_APPEND) != 0) {
            file.setPos(f.size());
        }
        if (inode instanceof DevNode d && d.major() != DevFs.MEM_MAJOR) {
            long r = openFaulting(t, () -> chrdev.chrdevOpen(t, file, d, flags), "chrdev_open", 0x5a,
                    ChrdevOpen.PATH_OPEN.subList(1, ChrdevOpen.PATH_OPEN.size()));
            if (r != 0) {
                return r;
            }
        }
        if (inode instanceof DebugfsFile df) {
            long r = openFaulting(t, () -> chrdev.doDentryOpen(t, file, df.mode(), 0, df.fops(), df.data(), df.size(), 0,
                    flags, -Errno.ENXIO, null), "full_proxy_open", 0x3c, ChrdevOpen.PATH_OPEN.subList(1, ChrdevOpen.PATH_OPEN.size()));
            if (r != 0) {
                return r;
            }
        }
        if (inode instanceof ProcEntry p) {
            long r = openFaulting(t, () -> procReg.open(t, file, p, flags), "proc_reg_open", 0x1c,
                    ProcReg.PATH_OPEN.subList(1, ProcReg.PATH_OPEN.size()));
            if (r != 0) {
                return r;
            }
        }
        return t.installFd(file);
    }

    /** Runs a driver's ->open; a page fault in it is an oops in {@code function}, and its result is the call's. */
    private long openFaulting(Task t, LongSupplier open, String function, int offset, List<String> path) {
        try {
            return open.getAsLong();
        } catch (PageFault pf) {
            return k.kernelFault(t, pf, function, offset, path);
        }
    }

    /** Whether path is in a kernel-made tree (procfs, sysfs, devtmpfs) where files cannot be made or removed. */
    static boolean isVirtual(String path) {
        return path.startsWith("/proc") || path.startsWith("/sys") || path.startsWith("/dev");
    }

    /** The wall-clock time in seconds that kplay stamps on files it changes. */
    static long wallSeconds(Kernel k) {
        return 1795659114L + k.now() / 1_000_000_000L;
    }

    /** Models close_fd() → filp_close(), and fput() of the last reference. */
    long close(int pid, int fd) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.fileTable().remove(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.fops() != 0) {
            // filp_close() reads f_op->flush whoever else holds the file: into a module that is gone,
            // that is an oops (chardev-noowner-close), and the task dies closing the rest
            try {
                k.memory().load(f.fops() + Fops.FLUSH, 8);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "filp_close", 0x1d, List.of("__x64_sys_close+0xd/0x50",
                        "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
            }
        }
        if (t.files().containsValue(f) || sharedElsewhere(f)) {
            return 0;
        }
        if (f.inode() instanceof Fifo p) {
            p.release(f.readable(), f.writable());
        }
        long r = 0;
        if (f.fops() != 0) {
            try {
                r = chrdev.fput(t, f);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "filp_close", 0x1e, List.of("__x64_sys_close+0x11/0x40",
                        "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
            }
        }
        if (f.inode() instanceof ProcEntry p && f.filp() != 0) {
            try {
                r = procReg.release(t, f, p);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "proc_reg_release", 0x1e, ProcReg.PATH_RELEASE.subList(2, ProcReg.PATH_RELEASE.size()));
            }
        }
        if (f.filp() != 0 && r != DIED && r != RUNNING) {
            dev.kplay.kernel.fs.Files.free(k.memory(), k.slab(), f.filp());
            f.setFilp(0);
        }
        return r == DIED || r == RUNNING ? r : 0;
    }

    /** Models dup2(): newfd shares oldfd's open file; an open newfd is closed first. */
    long dup2(int pid, int oldfd, int newfd) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.files().get(oldfd);
        if (f == null || newfd < 0) {
            return -Errno.EBADF;
        }
        if (oldfd != newfd) {
            if (t.files().containsKey(newfd)) {
                close(pid, newfd);
            }
            t.fileTable().put(newfd, f);
        }
        return newfd;
    }

    /** Whether another task's fd table holds f too. */
    private boolean sharedElsewhere(OpenFile f) {
        for (Task o : k.tasks().values()) {
            if (o.files().containsValue(f)) {
                return true;
            }
        }
        return false;
    }
}
