package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.vm.PageFault;

import static dev.kplay.kernel.exec.SyscallEntry.GONE;
import static dev.kplay.kernel.exec.SyscallEntry.PARK;
import static dev.kplay.kernel.exec.SyscallEntry.UNMODELED;
import static dev.kplay.kernel.exec.UserSyscalls.FILE_POS;
import static dev.kplay.kernel.exec.UserSyscalls.FILE_SIZE;
import static dev.kplay.kernel.exec.UserSyscalls.FOPS_READ;
import static dev.kplay.kernel.exec.UserSyscalls.FOPS_WRITE;
import static dev.kplay.kernel.exec.UserSyscalls.MAX_RW;
import static dev.kplay.kernel.exec.UserSyscalls.PATH_DEV_READ;
import static dev.kplay.kernel.exec.UserSyscalls.PATH_DEV_WRITE;

/*
 * read(2), write(2) and lseek(2) of a user program, as fs/read_write.c holds them (vfs_read(),
 * vfs_write(), ksys_lseek()), and the terminal's ioctl(2) (drivers/tty/tty_io.c: TCGETS,
 * TIOCGWINSZ). A driver's read and write run the module's file_operations on the program's own
 * buffer, so a read that sleeps can finish later; descriptors 0-2 are the shell's streams. Split
 * from UserSyscalls, which stays the table of entry points, along the kernel's file lines.
 */

/** The read/write syscalls of user mode (fs/read_write.c). */
final class UserReadWrite {
    private final Kernel k;
    private final Exec exec;
    private final AddressSpace mem;
    private final UserSyscalls sys;

    UserReadWrite(Kernel k, Exec exec, UserSyscalls sys) {
        this.k = k;
        this.exec = exec;
        this.mem = k.memory();
        this.sys = sys;
    }

    /** Models ksys_read(): the bytes read, or PARK while the program waits for input or a driver. */
    long read(UserProcess up, int fd, long buf, long count) {
        Task t = up.task;
        int n = (int) Math.max(0, Math.min(count, MAX_RW));
        if (up.stdFds.contains(fd)) {
            if (fd != 0) {
                return -Errno.EBADF;
            }
            Object wait = new Object();
            if (up.std.awaitInput(() -> typed(up, wait, buf, n))) {
                up.ttyRead = wait;                            // n_tty_read sleeps until a line is typed
                return PARK;
            }
            byte[] got = up.std.read(n);
            if (got == null) {
                return -Errno.EINTR;
            }
            return sys.toUser(buf, got) ? got.length : -Errno.EFAULT;
        }
        OpenFile f = t.files().get(fd);
        if (f == null || !f.readable()) {
            return -Errno.EBADF;
        }
        if (!Layout.isUser(buf) || !Layout.isUser(buf + n)) {
            return -Errno.EFAULT;
        }
        if (f.fops() != 0) {
            return driverIo(up, f, FOPS_READ, buf, n);
        }
        byte[] got = k.read(t.pid(), fd, n);
        exec.enter(up);
        if (got == null) {
            int e = k.lastError(t.pid());
            return !t.alive() ? GONE : -e;
        }
        return sys.toUser(buf, got) ? got.length : -Errno.EFAULT;
    }

    /** A line was typed for the read {@code wait} the program sleeps in: it returns with the bytes, and the program runs on. */
    void typed(UserProcess up, Object wait, long buf, int n) {
        if (!up.task.alive() || up.ttyRead != wait || !up.parkedInUserWait()) {
            return;                                           // killed, or interrupted and gone on since
        }
        exec.enter(up);
        byte[] got = up.std.read(n);
        up.completed = got == null ? -Errno.EINTR : sys.toUser(buf, got) ? got.length : -Errno.EFAULT;
        exec.runReady();
    }

    /** Models ksys_write(): the bytes written, or a negative errno. */
    long write(UserProcess up, int fd, long buf, long count) {
        Task t = up.task;
        int n = (int) Math.max(0, Math.min(count, MAX_RW));
        if (up.stdFds.contains(fd)) {
            if (fd == 0) {
                return -Errno.EBADF;
            }
            byte[] data = sys.fromUser(buf, n);
            if (data == null) {
                return -Errno.EFAULT;
            }
            long r = up.std.write(fd, data);
            exec.enter(up);
            return r;
        }
        OpenFile f = t.files().get(fd);
        if (f == null || !f.writable()) {
            return -Errno.EBADF;
        }
        if (f.fops() != 0) {
            if (!Layout.isUser(buf) || !Layout.isUser(buf + n)) {
                return -Errno.EFAULT;
            }
            return driverIo(up, f, FOPS_WRITE, buf, n);
        }
        byte[] data = sys.fromUser(buf, n);
        if (data == null) {
            return -Errno.EFAULT;
        }
        long r = k.write(t.pid(), fd, data);
        exec.enter(up);
        return r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }

    /**
     * vfs_read()/vfs_write() into a driver's file_operations with the program's own buffer: the
     * module's copy_to_user/copy_from_user reach the process's memory (EFAULT from the module
     * itself for a bad pointer); a call that sleeps parks the program until it returns.
     */
    long driverIo(UserProcess up, OpenFile f, int op, long buf, int n) {
        Task t = up.task;
        long fn;
        try {
            fn = mem.load(f.fops() + op, 8);
        } catch (PageFault pf) {
            k.kernelFault(t, pf, op == FOPS_READ ? "vfs_read" : "vfs_write", 0x3b,
                    (op == FOPS_READ ? PATH_DEV_READ : PATH_DEV_WRITE).subList(1, PATH_DEV_READ.size()));
            return GONE;
        }
        if (fn == 0) {
            return -Errno.EINVAL;
        }
        if (f.filp() == 0) {
            f.setFilp(k.slab().kmalloc(FILE_SIZE));
        }
        long ppos = f.filp() + FILE_POS;
        mem.store(ppos, 8, f.pos());
        t.setSyscallNr(op == FOPS_READ ? 0 : 1);
        long r = k.runTask(t, fn, new long[] {f.filp(), buf, n, ppos}, op == FOPS_READ ? PATH_DEV_READ : PATH_DEV_WRITE,
                ret -> {
                    f.setPos(mem.load(ppos, 8));
                    return ret;
                });
        exec.enter(up);
        return r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }

    /** Models ksys_lseek(): the new offset, or a negative errno. */
    long lseek(UserProcess up, int fd, long off, int whence) {
        if (up.stdFds.contains(fd)) {
            return -Errno.ESPIPE;
        }
        long r = k.lseek(up.task.pid(), fd, off, whence);
        exec.enter(up);
        return r == -Errno.ENOSYS ? UNMODELED : r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }

    /** The terminal's ioctls (tty_ioctl: TCGETS, TIOCGWINSZ); -ENOTTY on what is not a terminal. */
    long ioctl(UserProcess up, int fd, long cmd, long arg) {
        boolean tty = up.stdFds.contains(fd) && up.std.isatty(fd);
        if (up.stdFds.contains(fd) && !tty) {
            return -Errno.ENOTTY;
        }
        if (tty) {
            if (cmd == 0x5401) {
                // struct termios of a fresh pty: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD, ISIG|ICANON|ECHO...
                byte[] b = new byte[36];
                int[] flags = {0x500, 0x5, 0xbf, 0x8a3b};
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        b[4 * i + j] = (byte) (flags[i] >>> (8 * j));
                    }
                }
                byte[] cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0};
                System.arraycopy(cc, 0, b, 17, cc.length);
                return sys.toUser(arg, b) ? 0 : -Errno.EFAULT;
            }
            if (cmd == 0x5413) {
                byte[] b = {24, 0, 80, 0, 0, 0, 0, 0};
                return sys.toUser(arg, b) ? 0 : -Errno.EFAULT;
            }
            return -Errno.ENOTTY;
        }
        long r = k.ioctl(up.task.pid(), fd, (int) cmd, arg);     // do_vfs_ioctl(), a driver's unlocked_ioctl
        exec.enter(up);
        return r == -Errno.ENOSYS ? UNMODELED : r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }
}
