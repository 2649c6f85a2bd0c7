package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
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
 *
 * This file keeps the table, the user-memory accessors every handler uses, and the handlers of
 * fs/open.c, fs/stat.c, fs/namei.c and kernel/sys.c; the others live where the kernel keeps them:
 * UserReadWrite (fs/read_write.c), UserPoll (fs/select.c), UserMmap (mm/mmap.c), UserTime
 * (kernel/time/) and UserSignal (kernel/signal.c).
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
    /** The handlers that live in the kernel's other source files (the fields name the file). */
    private final UserReadWrite rw;
    private final UserPoll select;
    private final UserMmap mm;
    final UserTime time;
    private final UserSignal signals;

    UserSyscalls(Kernel k, Exec exec) {
        this.k = k;
        this.exec = exec;
        this.mem = k.memory();
        this.rw = new UserReadWrite(k, exec, this);
        this.select = new UserPoll(k, exec, this);
        this.mm = new UserMmap(k);
        this.time = new UserTime(k, exec, this);
        this.signals = new UserSignal(k, exec, this);
    }

    /** Runs entry point {@code entry} for the process; a value for rax, or PARK, GONE, UNMODELED. */
    long call(UserProcess up, String entry, long[] a) {
        Task t = up.task;
        return switch (entry) {
            case "sys_read" -> rw.read(up, (int) a[0], a[1], a[2]);
            case "sys_write" -> rw.write(up, (int) a[0], a[1], a[2]);
            case "sys_open" -> openat(up, AT_FDCWD, a[0], (int) a[1], (int) a[2]);
            case "sys_openat" -> openat(up, (int) a[0], a[1], (int) a[2], (int) a[3]);
            case "sys_close" -> close(up, (int) a[0]);
            case "sys_lseek" -> rw.lseek(up, (int) a[0], a[1], (int) a[2]);
            case "sys_ioctl" -> rw.ioctl(up, (int) a[0], a[1] & 0xffffffffL, a[2]);
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
            case "sys_brk" -> mm.brk(up, a[0]);
            case "sys_mmap" -> mm.mmap(up, a[0], a[1], (int) a[3], (int) a[4]);
            case "sys_munmap" -> mm.munmap(up, a[0], a[1]);
            case "sys_clock_gettime" -> time.clockGettime((int) a[0], a[1]);
            case "sys_nanosleep" -> time.nanosleep(up, a[0]);
            case "sys_clock_nanosleep" -> (a[1] & 1) != 0 ? UNMODELED : time.nanosleep(up, a[2]);
            case "sys_kill" -> signals.kill(up, (int) a[0], (int) a[1]);
            case "sys_rt_sigaction" -> signals.sigaction(up, (int) a[0], a[1], a[2]);
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
            case "sys_poll" -> select.poll(up, a[0], a[1], (int) a[2]);
            default -> UNMODELED;
        };
    }

    // ---- user memory ----------------------------------------------------------------------------

    /** copy_from_user of n bytes; null on a fault (EFAULT). */
    byte[] fromUser(long addr, long n) {
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
    boolean toUser(long addr, byte[] data) {
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

    boolean putLong(long addr, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return toUser(addr, b);
    }

    /** strncpy_from_user of a path: the string, or null with errno in err[0] (EFAULT, ENAMETOOLONG). */
    String path(UserProcess up, long addr, int[] err) {
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
            t.fileTable().remove((int) fd);
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

}
