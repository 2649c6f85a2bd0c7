package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.fs.RegularFile;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.mm.MmStruct;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.vm.PageFault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.kplay.kernel.exec.SyscallEntry.GONE;
import static dev.kplay.kernel.exec.SyscallEntry.PARK;
import static dev.kplay.kernel.exec.SyscallEntry.UNMODELED;

/*
 * The 6.1 system calls kplay models for user programs, one handler per entry point of
 * syscall_64.tbl, as a flat table. Each reads its arguments from user memory the way the kernel
 * does (copy_from_user, strncpy_from_user: -EFAULT on a bad pointer, -ENAMETOOLONG past PATH_MAX)
 * and does what the Linux function does through the kernel's own VFS (the Syscalls of the shell's
 * programs), except a driver's read and write, which get the program's own buffer, so that the
 * module's copy_to_user lands in the process's memory and a read that sleeps can finish later.
 * Descriptors 0-2 are the shell's streams until the program closes them.
 */

/** The syscall handlers of user mode, by 6.1 entry-point name. */
final class UserSyscalls {
    static final int PATH_MAX = 4096;
    static final int MAX_RW = 1 << 20;
    static final int AT_FDCWD = -100;
    static final long EPOCH = 1795659114L;
    static final List<String> PATH_DEV_READ = List.of("vfs_read+0xa5/0x310", "ksys_read+0x6b/0xf0",
            "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_DEV_WRITE = List.of("vfs_write+0xc9/0x3f0", "ksys_write+0x6b/0xf0",
            "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    /** offsetof(struct file_operations, read/write), offsetof(struct file, f_pos), sizeof(struct file). */
    static final int FOPS_READ = 16, FOPS_WRITE = 24, FILE_POS = 88, FILE_SIZE = 128;
    /** A process's heap and anonymous mappings together stay below this (RLIMIT_DATA, kept small: memory is the server's). */
    static final long HEAP_LIMIT = 64L << 20;

    private final Kernel k;
    private final Exec exec;
    private final AddressSpace mem;

    UserSyscalls(Kernel k, Exec exec) {
        this.k = k;
        this.exec = exec;
        this.mem = k.memory();
    }

    /** Runs entry point {@code entry} for the process; a value for rax, or PARK, GONE, UNMODELED. */
    long call(UserProcess up, String entry, long[] a) {
        Task t = up.task;
        return switch (entry) {
            case "sys_read" -> read(up, (int) a[0], a[1], a[2]);
            case "sys_write" -> write(up, (int) a[0], a[1], a[2]);
            case "sys_open" -> openat(up, AT_FDCWD, a[0], (int) a[1], (int) a[2]);
            case "sys_openat" -> openat(up, (int) a[0], a[1], (int) a[2], (int) a[3]);
            case "sys_close" -> close(up, (int) a[0]);
            case "sys_lseek" -> lseek(up, (int) a[0], a[1], (int) a[2]);
            case "sys_ioctl" -> ioctl(up, (int) a[0], a[1] & 0xffffffffL, a[2]);
            case "sys_newstat" -> stat(up, AT_FDCWD, a[0], a[1]);
            case "sys_newlstat" -> stat(up, AT_FDCWD, a[0], a[1]);
            case "sys_newfstatat" -> stat(up, (int) a[0], a[1], a[2]);
            case "sys_newfstat" -> fstat(up, (int) a[0], a[1]);
            case "sys_getpid", "sys_gettid" -> t.pid();
            case "sys_getppid" -> t.ppid();
            case "sys_getuid", "sys_geteuid", "sys_getgid", "sys_getegid" -> 0;
            case "sys_exit", "sys_exit_group" -> {
                exec.exitGroup(up, (int) a[0]);
                yield GONE;
            }
            case "sys_brk" -> brk(up, a[0]);
            case "sys_mmap" -> mmap(up, a[0], a[1], (int) a[3], (int) a[4]);
            case "sys_munmap" -> munmap(up, a[0], a[1]);
            case "sys_clock_gettime" -> clockGettime((int) a[0], a[1]);
            case "sys_nanosleep" -> nanosleep(up, a[0]);
            case "sys_clock_nanosleep" -> (a[1] & 1) != 0 ? UNMODELED : nanosleep(up, a[2]);
            case "sys_kill" -> kill(up, (int) a[0], (int) a[1]);
            case "sys_rt_sigaction" -> sigaction(up, (int) a[0], a[1], a[2]);
            case "sys_rt_sigprocmask" -> 0;
            case "sys_newuname" -> uname(a[0]);
            case "sys_getcwd" -> getcwd(up, a[0], a[1]);
            case "sys_unlinkat" -> unlinkat(up, (int) a[0], a[1], (int) a[2]);
            case "sys_unlink" -> unlinkat(up, AT_FDCWD, a[0], 0);
            case "sys_mknodat" -> mknodat(up, (int) a[0], a[1], (int) a[2], a[3]);
            case "sys_faccessat", "sys_faccessat2" -> access(up, (int) a[0], a[1]);
            case "sys_access" -> access(up, AT_FDCWD, a[0]);
            case "sys_umask" -> 022;
            case "sys_fsync", "sys_fdatasync" -> up.stdFds.contains((int) a[0]) || t.files().containsKey((int) a[0]) ? 0 : -Errno.EBADF;
            case "sys_dup2" -> up.stdFds.contains((int) a[0]) || up.stdFds.contains((int) a[1]) ? UNMODELED
                    : k.dup2(t.pid(), (int) a[0], (int) a[1]);
            case "sys_fcntl" -> fcntl(up, (int) a[0], (int) a[1]);
            case "sys_pause" -> PARK;
            case "sys_poll" -> poll(up, a[0], a[1], (int) a[2]);
            default -> UNMODELED;
        };
    }

    // ---- user memory ----------------------------------------------------------------------------

    /** copy_from_user of n bytes; null on a fault (EFAULT). */
    private byte[] fromUser(long addr, long n) {
        if (n < 0 || !Layout.isUser(addr) || !Layout.isUser(addr + n)) {
            return null;
        }
        try {
            return mem.read(addr, (int) n);
        } catch (PageFault pf) {
            return null;
        }
    }

    /** copy_to_user; false on a fault. */
    private boolean toUser(long addr, byte[] data) {
        if (!Layout.isUser(addr) || !Layout.isUser(addr + data.length)) {
            return false;
        }
        try {
            mem.write(addr, data);
            return true;
        } catch (PageFault pf) {
            return false;
        }
    }

    private boolean putLong(long addr, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return toUser(addr, b);
    }

    /** strncpy_from_user of a path: the string, or null with errno in err[0] (EFAULT, ENAMETOOLONG). */
    private String path(UserProcess up, long addr, int[] err) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < PATH_MAX; i++) {
            if (!Layout.isUser(addr + i)) {
                err[0] = Errno.EFAULT;
                return null;
            }
            int c;
            try {
                c = (int) mem.load(addr + i, 1);
            } catch (PageFault pf) {
                err[0] = Errno.EFAULT;
                return null;
            }
            if (c == 0) {
                String s = b.toString(StandardCharsets.UTF_8);
                if (s.isEmpty()) {
                    err[0] = Errno.ENOENT;
                    return null;
                }
                return s.startsWith("/") ? s : resolve(up.std.cwd(), s);
            }
            b.write(c);
        }
        err[0] = Errno.ENAMETOOLONG;
        return null;
    }

    /** An absolute, normalized path for a relative one. */
    static String resolve(String cwd, String rel) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : (cwd + "/" + rel).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    // ---- files ----------------------------------------------------------------------------------

    private long read(UserProcess up, int fd, long buf, long count) {
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
            return toUser(buf, got) ? got.length : -Errno.EFAULT;
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
        return toUser(buf, got) ? got.length : -Errno.EFAULT;
    }

    /** A line was typed for the read {@code wait} the program sleeps in: it returns with the bytes, and the program runs on. */
    private void typed(UserProcess up, Object wait, long buf, int n) {
        if (!up.task.alive() || up.ttyRead != wait || !up.parkedInUserWait()) {
            return;                                           // killed, or interrupted and gone on since
        }
        exec.enter(up);
        byte[] got = up.std.read(n);
        up.completed = got == null ? -Errno.EINTR : toUser(buf, got) ? got.length : -Errno.EFAULT;
        exec.runReady();
    }

    private long write(UserProcess up, int fd, long buf, long count) {
        Task t = up.task;
        int n = (int) Math.max(0, Math.min(count, MAX_RW));
        if (up.stdFds.contains(fd)) {
            if (fd == 0) {
                return -Errno.EBADF;
            }
            byte[] data = fromUser(buf, n);
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
        byte[] data = fromUser(buf, n);
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
    private long driverIo(UserProcess up, OpenFile f, int op, long buf, int n) {
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

    private long openat(UserProcess up, int dirfd, long pathAddr, int flags, int mode) {
        int[] err = new int[1];
        String path = path(up, pathAddr, err);
        if (path == null) {
            return -err[0];
        }
        Task t = up.task;
        long fd = k.open(t.pid(), path, flags & ~0100000 & ~02000000, mode);
        exec.enter(up);
        if (fd == Syscalls.DIED) {
            return GONE;
        }
        if (fd == Syscalls.RUNNING) {
            return PARK;
        }
        if (fd < 0) {
            return fd;
        }
        if (up.stdFds.contains((int) fd)) {
            // the kernel's table does not hold the shell's streams: move to the lowest fd really free
            int want = 0;
            while (t.files().containsKey(want) || up.stdFds.contains(want)) {
                want++;
            }
            k.dup2(t.pid(), (int) fd, want);
            t.files().remove((int) fd);
            return want;
        }
        return fd;
    }

    private long close(UserProcess up, int fd) {
        if (up.stdFds.remove(fd)) {
            return 0;
        }
        long r = k.close(up.task.pid(), fd);
        exec.enter(up);
        return r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }

    private long lseek(UserProcess up, int fd, long off, int whence) {
        if (up.stdFds.contains(fd)) {
            return -Errno.ESPIPE;
        }
        long r = k.lseek(up.task.pid(), fd, off, whence);
        exec.enter(up);
        return r == -Errno.ENOSYS ? UNMODELED : r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }

    /** The terminal's ioctls (tty_ioctl: TCGETS, TIOCGWINSZ); -ENOTTY on what is not a terminal. */
    private long ioctl(UserProcess up, int fd, long cmd, long arg) {
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
                return toUser(arg, b) ? 0 : -Errno.EFAULT;
            }
            if (cmd == 0x5413) {
                byte[] b = {24, 0, 80, 0, 0, 0, 0, 0};
                return toUser(arg, b) ? 0 : -Errno.EFAULT;
            }
            return -Errno.ENOTTY;
        }
        long r = k.ioctl(up.task.pid(), fd, (int) cmd, arg);     // do_vfs_ioctl(), a driver's unlocked_ioctl
        exec.enter(up);
        return r == -Errno.ENOSYS ? UNMODELED : r == Syscalls.DIED ? GONE : r == Syscalls.RUNNING ? PARK : r;
    }

    private long stat(UserProcess up, int dirfd, long pathAddr, long buf) {
        int[] err = new int[1];
        String path = path(up, pathAddr, err);
        if (path == null) {
            return -err[0];
        }
        long[] st = k.stat(up.task.pid(), path);
        if (st == null) {
            return -Errno.ENOENT;
        }
        return fillStat(buf, path.hashCode() & 0x7fffffffL, st[0], st[1], st[2], st[3], st.length > 4 ? st[4] : 0);
    }

    private long fstat(UserProcess up, int fd, long buf) {
        if (up.stdFds.contains(fd)) {
            boolean tty = up.std.isatty(fd);
            return fillStat(buf, tty ? 3 : 4242, tty ? 0020620 : 0010600, 0, 1, EPOCH + k.now() / 1_000_000_000L,
                    tty ? 136 << 8 : 0);
        }
        OpenFile f = up.task.files().get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        long[] st = k.stat(up.task.pid(), f.path());
        if (st == null) {
            return -Errno.EBADF;
        }
        return fillStat(buf, f.path().hashCode() & 0x7fffffffL, st[0], st[1], st[2], st[3], st.length > 4 ? st[4] : 0);
    }

    /** Writes struct stat (x86-64, 144 bytes). */
    private long fillStat(long buf, long ino, long mode, long size, long nlink, long mtime, long rdev) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(144).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 0x16);            // st_dev: the root file system's device
        b.putLong(8, ino);
        b.putLong(16, nlink);
        b.putInt(24, (int) mode);
        b.putInt(28, 0);
        b.putInt(32, 0);
        b.putLong(40, rdev);
        b.putLong(48, size);
        b.putLong(56, 4096);
        b.putLong(64, (size + 511) / 512 / 8 * 8 + ((size + 511) / 512 % 8 == 0 ? 0 : 8));
        for (int i = 0; i < 3; i++) {
            b.putLong(72 + 16 * i, mtime);
        }
        return toUser(buf, b.array()) ? 0 : -Errno.EFAULT;
    }

    private long access(UserProcess up, int dirfd, long pathAddr) {
        int[] err = new int[1];
        String path = path(up, pathAddr, err);
        if (path == null) {
            return -err[0];
        }
        return k.stat(up.task.pid(), path) == null ? -Errno.ENOENT : 0;
    }

    private long unlinkat(UserProcess up, int dirfd, long pathAddr, int flags) {
        int[] err = new int[1];
        String path = path(up, pathAddr, err);
        if (path == null) {
            return -err[0];
        }
        return (flags & 0x200) != 0 ? UNMODELED : k.unlink(up.task.pid(), path);
    }

    private long mknodat(UserProcess up, int dirfd, long pathAddr, int mode, long dev) {
        int[] err = new int[1];
        String path = path(up, pathAddr, err);
        if (path == null) {
            return -err[0];
        }
        long r = k.mknod(up.task.pid(), path, mode, dev);
        return r == -Errno.ENOSYS ? UNMODELED : r;
    }

    private long fcntl(UserProcess up, int fd, int cmd) {
        boolean std = up.stdFds.contains(fd);
        OpenFile f = up.task.files().get(fd);
        if (!std && f == null) {
            return -Errno.EBADF;
        }
        return switch (cmd) {
            case 1, 2 -> 0;                                     // F_GETFD, F_SETFD
            case 3 -> std ? (fd == 0 ? 02 : 02) : f.flags();   // F_GETFL: the terminal is O_RDWR
            default -> UNMODELED;
        };
    }

    private long getcwd(UserProcess up, long buf, long size) {
        byte[] cwd = (up.std.cwd() + "\0").getBytes(StandardCharsets.UTF_8);
        if (size < cwd.length) {
            return -Errno.ERANGE;
        }
        return toUser(buf, cwd) ? cwd.length : -Errno.EFAULT;
    }

    private long uname(long buf) {
        String[] u = k.uname(0);
        byte[] b = new byte[6 * 65];
        String[] fields = {u[0], u[1], u[2], u[3], u[4], "(none)"};
        for (int i = 0; i < 6; i++) {
            byte[] s = fields[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(s, 0, b, 65 * i, Math.min(64, s.length));
        }
        return toUser(buf, b) ? 0 : -Errno.EFAULT;
    }

    /**
     * Models do_sys_poll(): the kernel's (files, drivers' f_op->poll, a wait on their queues) for
     * the process's open files; the terminal's streams (fds 0-2 as the shell gave them) are ready.
     */
    private long poll(UserProcess up, long fds, long nfds, int timeoutMs) {
        if (nfds < 0 || nfds > 1024) {
            return -Errno.EINVAL;
        }
        byte[] b = fromUser(fds, 8 * nfds);
        if (b == null) {
            return -Errno.EFAULT;
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = (int) nfds;
        int[] kfds = new int[n];
        int[] kevents = new int[n];
        int[] krevents = new int[n];
        int ready = 0;
        for (int i = 0; i < n; i++) {
            int fd = bb.getInt(8 * i);
            int events = bb.getShort(8 * i + 4) & 0xffff;
            kfds[i] = up.stdFds.contains(fd) ? -1 : fd;
            kevents[i] = events;
            if (fd >= 0 && up.stdFds.contains(fd)) {
                krevents[i] = (fd == 0 ? 0x41 : 0x104) & (events | 0x18);   // the terminal's streams are ready
                ready += krevents[i] != 0 ? 1 : 0;
            }
        }
        boolean any = java.util.Arrays.stream(kfds).anyMatch(fd -> fd >= 0);
        if (any) {
            int[] kr = new int[n];
            long r = k.poll(up.task.pid(), kfds, kevents, kr, ready > 0 ? 0 : timeoutMs);
            exec.enter(up);
            if (r == -Errno.ENOSYS) {
                return UNMODELED;
            }
            if (r == Syscalls.DIED) {
                return GONE;
            }
            if (r == Syscalls.RUNNING) {
                // asleep in the kernel until a wake_up on a polled queue: Exec.runReady() asks again
                int terminalReady = ready;
                up.pendingPoll = () -> {
                    long v = k.pollResume(up.task.pid(), kr);
                    if (v == dev.kplay.kernel.fs.Select.WAITING || v == Syscalls.RUNNING || v == -Errno.EINVAL) {
                        return dev.kplay.kernel.fs.Select.WAITING;
                    }
                    if (v < 0) {
                        return v;
                    }
                    for (int i = 0; i < n; i++) {
                        bb.putShort(8 * i + 6, (short) (kfds[i] >= 0 ? kr[i] : krevents[i]));
                    }
                    return toUser(fds, bb.array()) ? terminalReady + v : -Errno.EFAULT;
                };
                return PARK;
            }
            if (r < 0) {
                return r;
            }
            for (int i = 0; i < n; i++) {
                if (kfds[i] >= 0) {
                    krevents[i] = kr[i];
                    ready += kr[i] != 0 ? 1 : 0;
                }
            }
            timeoutMs = 0;                                        // the kernel already waited
        }
        for (int i = 0; i < n; i++) {
            bb.putShort(8 * i + 6, (short) krevents[i]);
        }
        if (!toUser(fds, bb.array())) {
            return -Errno.EFAULT;
        }
        if (ready > 0 || timeoutMs == 0) {
            return ready;
        }
        if (timeoutMs < 0) {
            return PARK;                                          // nothing can become ready: sleeps until a signal
        }
        if (up.std.background()) {
            up.sleepTimer = k.timers().at(k.now() + timeoutMs * 1_000_000L, () -> {
                up.sleepTimer = null;
                up.completed = 0;
            });
            return PARK;
        }
        if (!up.std.sleep(timeoutMs * 1_000_000L)) {
            return interrupted(up);
        }
        exec.enter(up);
        return 0;
    }

    // ---- memory ---------------------------------------------------------------------------------

    /** Models sys_brk(): the new break, or the old one if the request is refused. */
    private long brk(UserProcess up, long want) {
        MmStruct mm = up.mm();
        long old = mm.brk();
        if (want < mm.startBrk() || want - mm.startBrk() > HEAP_LIMIT) {
            return old;
        }
        long oldEnd = Layout.pageAlign(old);
        long newEnd = Layout.pageAlign(want);
        if (newEnd > oldEnd) {
            if (mm.charged() + (newEnd - oldEnd) > HEAP_LIMIT || !mem.chargeUser(mm, newEnd - oldEnd)) {
                return old;
            }
            mem.map(oldEnd, newEnd - oldEnd);
        } else if (newEnd < oldEnd) {
            mem.unmap(newEnd, oldEnd - newEnd);
            mem.unchargeUser(mm, oldEnd - newEnd);
        }
        mm.setBrk(want);
        return want;
    }

    /** Models sys_mmap() for anonymous private memory (the only kind kplay's libc asks for). */
    private long mmap(UserProcess up, long addr, long len, int flags, int fd) {
        if ((flags & 0x20) == 0) {
            return UNMODELED;                       // a file mapping
        }
        if (len <= 0 || len > HEAP_LIMIT) {
            return -Errno.ENOMEM;
        }
        if (up.mm().charged() + Layout.pageAlign(len) > HEAP_LIMIT || !mem.chargeUser(up.mm(), Layout.pageAlign(len))) {
            return -Errno.ENOMEM;
        }
        long at = up.mm().takeMmap(len);
        mem.map(at, Layout.pageAlign(len));
        up.mm().addVma(new MmStruct.Vma(at, at + Layout.pageAlign(len), null, "rw-p"));
        return at;
    }

    private long munmap(UserProcess up, long addr, long len) {
        if ((addr & (Layout.PAGE_SIZE - 1)) != 0 || len <= 0) {
            return -Errno.EINVAL;
        }
        MmStruct.Vma v = up.mm().vmaAt(addr);
        if (v != null && v.file() == null && !v.name().startsWith("[")) {
            mem.unmap(addr, Layout.pageAlign(len));
            mem.unchargeUser(up.mm(), Layout.pageAlign(len));
        }
        return 0;
    }

    // ---- time and signals -----------------------------------------------------------------------

    private long clockGettime(int clock, long ts) {
        long now = k.now();
        long ns;
        switch (clock) {
            case 0 -> ns = EPOCH * 1_000_000_000L + now;          // CLOCK_REALTIME
            case 1, 4, 7 -> ns = now;                            // MONOTONIC, MONOTONIC_RAW, BOOTTIME
            default -> {
                return -Errno.EINVAL;
            }
        }
        return putLong(ts, ns / 1_000_000_000L) && putLong(ts + 8, ns % 1_000_000_000L) ? 0 : -Errno.EFAULT;
    }

    /** Models hrtimer_nanosleep(): the terminal's clock in the foreground, a timer in a background job. */
    private long nanosleep(UserProcess up, long req) {
        byte[] b = fromUser(req, 16);
        if (b == null) {
            return -Errno.EFAULT;
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long sec = bb.getLong(0);
        long nsec = bb.getLong(8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        long nanos = sec > Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        if (up.std.background()) {
            up.sleepTimer = k.timers().at(k.now() + nanos, () -> {
                up.sleepTimer = null;
                up.completed = 0;
            });
            return PARK;
        }
        if (!up.std.sleep(nanos)) {
            return interrupted(up);
        }
        exec.enter(up);
        return 0;
    }

    /** Ctrl-C during a foreground wait: the program's SIGINT handler runs and the call fails with EINTR, or SIGINT kills it. */
    private long interrupted(UserProcess up) {
        if (up.catches(2)) {
            up.pendingHandlers.add(2);
            up.completed = -Errno.EINTR;
            return PARK;
        }
        if (up.handlers[2] == 1) {
            exec.enter(up);
            return 0;
        }
        exec.killed(up, 2);
        return GONE;
    }

    private long kill(UserProcess up, int pid, int sig) {
        if (sig < 0 || sig > 64) {
            return -Errno.EINVAL;
        }
        if (pid == up.task.pid() || pid == 0) {
            if (sig == 0) {
                return 0;
            }
            long h = up.handlers[sig];
            boolean ignoredByDefault = sig == 17 || sig == 18 || sig == 23 || sig == 28;
            if (h == 1 || (h == 0 && ignoredByDefault)) {
                return 0;
            }
            if (h != 0) {
                up.pendingHandlers.add(sig);        // the handler runs as the call returns
                up.completed = 0;
                return PARK;
            }
            exec.killed(up, sig);
            return GONE;
        }
        long r = k.kill(pid, sig);
        exec.enter(up);
        return r;
    }

    private long sigaction(UserProcess up, int sig, long act, long oldact) {
        if (sig < 1 || sig > 64 || sig == 9 || sig == 19) {
            return -Errno.EINVAL;
        }
        if (oldact != 0 && !putLong(oldact, up.handlers[sig])) {
            return -Errno.EFAULT;
        }
        if (act != 0) {
            byte[] h = fromUser(act, 8);
            if (h == null) {
                return -Errno.EFAULT;
            }
            up.handlers[sig] = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        }
        return 0;
    }
}
