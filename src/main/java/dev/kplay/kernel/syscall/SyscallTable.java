package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.ChrdevOpen;
import dev.kplay.kernel.fs.DebugfsFile;
import dev.kplay.kernel.fs.DevFs;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.Fifo;
import dev.kplay.kernel.fs.GeneratedFile;
import dev.kplay.kernel.fs.Fops;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.Ioctl;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.fs.ProcEntry;
import dev.kplay.kernel.fs.ProcReg;
import dev.kplay.kernel.fs.ReadWrite;
import dev.kplay.kernel.fs.Select;
import dev.kplay.kernel.fs.SysfsAttr;
import dev.kplay.kernel.fs.SysfsFile;
import dev.kplay.kernel.fs.RegularFile;
import dev.kplay.kernel.fs.Vfs;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.PageFault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/*
 * The system calls (arch/x86/entry/syscalls/syscall_64.tbl, the ones kplay's user space needs),
 * one handler each, as a flat table. Each validates the calling pid, then does what the Linux
 * syscall does, returning a value or a negative errno. Files whose operations are module code
 * (proc_create entries) run that code on the calling task through Kernel.runTask.
 */

/** The syscall handlers behind {@link Syscalls}. */
public final class SyscallTable implements Syscalls {
    static final int NR_READ = 0, NR_WRITE = 1, NR_DELETE_MODULE = 176, NR_FINIT_MODULE = 313;
    private final Kernel k;
    private final ChrdevOpen chrdev;
    private final ReadWrite rw;
    private final ProcReg procReg;
    private final Ioctl ioctl;
    private final Select select;
    private final SysfsFile sysfs;

    public SyscallTable(Kernel k) {
        this.k = k;
        this.chrdev = new ChrdevOpen(k);
        this.rw = new ReadWrite(k);
        this.procReg = new ProcReg(k);
        this.ioctl = new Ioctl(k, procReg);
        this.select = new Select(k, procReg);
        this.sysfs = new SysfsFile(k);
    }

    /**
     * The calling task, or null if there is none, it has ended, or it is still inside an earlier
     * syscall (blocked or parked on its kernel stack): such a task cannot make another call.
     */
    private Task task(int pid) {
        Task t = k.task(pid);
        return t != null && t.alive() && t.stack().depth() == 0 ? t : null;
    }

    // ---- processes -----------------------------------------------------------------------

    @Override
    public int spawn(int parent, String comm, List<String> argv) {
        Task p = task(parent);
        if (p == null) {
            return -Errno.ESRCH;
        }
        long alive = k.tasks().values().stream().filter(Task::alive).count();
        if (alive >= k.config().maxTasks()) {
            return -Errno.EAGAIN;
        }
        int pid = k.allocPid();
        Task t = k.newTask(pid, parent, comm, argv);
        t.files().putAll(p.files());
        k.tasks().put(pid, t);
        return pid;
    }

    /** Models execve() of a program: the task takes its name and arguments (begin_new_exec()). */
    @Override
    public long execProgram(int pid, String comm, List<String> argv) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        t.setComm(comm);
        t.setArgv(argv);
        return 0;
    }

    /** Models readlink() of /proc/PID/fd/N: the open file's path. */
    @Override
    public String readlink(int pid, String path) {
        return k.vfs().lookup(path) instanceof dev.kplay.kernel.fs.Symlink l ? l.target() : null;
    }

    @Override
    public void exit(int pid, int status) {
        Task t = task(pid);
        if (t != null && t.stack().depth() == 0) {
            // do_exit(): put_files_struct() runs filp_close() on every fd; one whose f_op is in a module
            // that is gone faults there, and the exiting task is left dead (Kernel.doExit)
            for (OpenFile f : t.files().values()) {
                if (f.fops() != 0 && !flushReadable(f)) {
                    k.doExit(t, (status & 0xff) << 8, Kernel.EXIT_GROUP);
                    return;
                }
            }
            for (Integer fd : List.copyOf(t.files().keySet())) {
                close(pid, fd);
            }
            k.doExit(t, (status & 0xff) << 8);
        }
    }

    @Override
    public int exitStatus(int pid) {
        Task t = k.task(pid);
        return t == null ? -1 : t.exitStatus();
    }

    /** The frames of a task asleep in wait4() (kernel_wait4 -> do_wait), innermost first. */
    static final List<String> WAIT4_PATH = List.of("do_wait+0x114/0x320", "kernel_wait4+0xb4/0x160",
            "__do_sys_wait4+0xa2/0xb0", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    /** Models do_wait() sleeping on the parent's wait_chldexit queue until a child exits (child_wait_callback wakes it). */
    @Override
    public void sleepInWait(int parent, boolean waiting) {
        Task t = k.task(parent);
        if (t == null || !t.alive() || t.stack().depth() > 0) {
            return;
        }
        if (waiting && t.state() == Task.State.RUNNING) {
            t.setState(Task.State.SLEEPING);
            t.setSleepState(dev.kplay.kernel.sched.Scheduler.TASK_INTERRUPTIBLE);
            t.setSleepFrames(WAIT4_PATH);
        } else if (!waiting && t.state() == Task.State.SLEEPING && t.sleepFrames().equals(WAIT4_PATH)) {
            t.setState(Task.State.RUNNING);
            t.setSleepState(0);
            t.setSleepFrames(List.of());
            t.countVoluntarySwitch();
        }
    }

    /** Models wait4() reaping an ended child: the zombie leaves the task table (and /proc). */
    @Override
    public long waitpid(int parent, int pid) {
        Task t = k.task(pid);
        if (t == null || t.alive() || t.ppid() != parent) {
            return -Errno.ECHILD;
        }
        sleepInWait(parent, false);     // the child's exit woke the parent's do_wait()
        k.tasks().remove(pid);
        return pid;
    }

    @Override
    public long kill(int pid, int sig) {
        Task t = k.task(pid);
        if (t == null || !t.alive()) {
            return -Errno.ESRCH;
        }
        if (t.state() == Task.State.DEAD) {
            return 0;          // left dead by a recursive fault: nothing is there to receive a signal
        }
        if (t.userMode() != null && t.userMode().signal(t, sig)) {
            return 0;          // a user program's disposition: ignored, its handler, or its default action
        }
        if (sig == 0 || t.isKthread()) {
            return 0;          // kernel threads ignore signals
        }
        if (isStopSignal(sig) || sig == SIGCONT) {
            if (t.stack().depth() == 0) {
                jobControl(t, sig);
            }
            return 0;
        }
        if (t.stack().depth() > 0) {
            // In the kernel: an interruptible sleep (or a killable one, for SIGKILL) ends with -ERESTARTSYS
            // and the task dies on its way out; D sleeps and running kernel code see it only when they return.
            k.scheduler().signal(t, sig);
            return 0;
        }
        if (sig == 9 || sig == 15 || sig == 2 || sig == 1) {
            FifoSleep w = fifoSleepers.remove(pid);
            if (w != null) {
                w.abandon().run();      // fifo_open()/pipe_read() return -ERESTARTSYS; the task dies on its way out
            }
            k.doExit(t, sig, Kernel.EXIT_ON_SIGNAL);
        }
        return 0;
    }

    static final int SIGCONT = 18, SIGSTOP = 19;
    /** The frames of a task stopped by a signal on its way back to user space (do_signal_stop()). */
    static final List<String> SIGNAL_STOP_PATH = List.of("do_signal_stop+0x17d/0x1f0", "get_signal+0x24d/0x990",
            "arch_do_signal_or_restart+0x3e/0x830", "exit_to_user_mode_prepare+0x1b2/0x240",
            "syscall_exit_to_user_mode+0x17/0x40", "do_syscall_64+0x69/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    /** The frames of a task in nanosleep(): clock_nanosleep(2) -> hrtimer_nanosleep(). */
    static final List<String> NANOSLEEP_PATH = List.of("hrtimer_nanosleep+0x9e/0x170", "common_nsleep+0x3f/0x50",
            "__x64_sys_clock_nanosleep+0xdb/0x140", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    /** What a stopped task was doing before SIGSTOP: its state and frames, restored by SIGCONT. */
    private record Stopped(Task.State state, int sleepState, List<String> frames) {}

    private final java.util.Map<Integer, Stopped> stoppedTasks = new java.util.HashMap<>();

    /** SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: the signals whose default action stops the task (sig_kernel_stop()). */
    static boolean isStopSignal(int sig) {
        return sig == SIGSTOP || sig == 20 || sig == 21 || sig == 22;
    }

    /**
     * Models the default actions of the stop signals and SIGCONT for a task outside module code: a
     * stop signal ends its sleep (a nanosleep is restarted later with the same end, as its
     * restart_block does) and it stops in do_signal_stop() (T); SIGCONT wakes it and it goes back
     * to what it was doing.
     */
    private void jobControl(Task t, int sig) {
        if (sig == SIGCONT) {
            Stopped was = stoppedTasks.remove(t.pid());
            if (was != null) {
                t.setState(was.state());
                t.setSleepState(was.sleepState());
                t.setSleepFrames(was.frames());
                t.countVoluntarySwitch();
            }
        } else if (t.state() != Task.State.STOPPED) {
            stoppedTasks.put(t.pid(), new Stopped(t.state(), t.sleepState(), t.sleepFrames()));
            t.setState(Task.State.STOPPED);
            t.setSleepState(0);
            t.setSleepFrames(SIGNAL_STOP_PATH);
        }
    }

    /** Whether task {@code pid} is stopped by a signal (job control). */
    @Override
    public boolean stopped(int pid) {
        Task t = k.task(pid);
        return t != null && t.alive() && t.state() == Task.State.STOPPED;
    }

    /** Models clock_nanosleep(2) in hrtimer_nanosleep(): the task sleeps interruptibly (S) until its time, or wakes. */
    @Override
    public void nanosleep(int pid, boolean asleep) {
        Task t = k.task(pid);
        if (t == null || !t.alive() || t.stack().depth() > 0) {
            return;
        }
        if (asleep) {
            t.setState(Task.State.SLEEPING);
            t.setSleepState(dev.kplay.kernel.sched.Scheduler.TASK_INTERRUPTIBLE);
            t.setSleepFrames(NANOSLEEP_PATH);
        } else if (t.sleepFrames().equals(NANOSLEEP_PATH)) {
            t.setState(Task.State.RUNNING);
            t.setSleepState(0);
            t.setSleepFrames(List.of());
            t.countVoluntarySwitch();
        }
    }

    // ---- sleeping in a pipe ------------------------------------------------------------------

    /** -ERESTARTSYS: the call slept and must be made again once the task is woken (see blocked()). */
    public static final int ERESTARTSYS = 512;

    /** A task asleep in fifo_open() or pipe_read(): whether it still waits, and what giving up undoes. */
    private record FifoSleep(java.util.function.BooleanSupplier waiting, Runnable abandon) {}

    private final java.util.Map<Integer, FifoSleep> fifoSleepers = new java.util.HashMap<>();

    /** The task sleeps (S, in pipe_wait) until the fifo's partner or data comes; the call is RUNNING. */
    private long sleepInFifo(Task t, java.util.function.BooleanSupplier waiting, Runnable abandon) {
        fifoSleepers.put(t.pid(), new FifoSleep(waiting, abandon));
        t.setState(Task.State.SLEEPING);
        t.setSleepState(dev.kplay.kernel.sched.Scheduler.TASK_INTERRUPTIBLE);
        return RUNNING;
    }

    private void wokeFromFifo(Task t) {
        if (fifoSleepers.remove(t.pid()) != null) {
            t.setState(Task.State.RUNNING);
            t.setSleepState(0);
        }
    }

    @Override
    public boolean exitDead(int pid) {
        Task t = k.task(pid);
        return t != null && t.alive() && t.state() == Task.State.DEAD;
    }

    /** Whether a task's call that came back RUNNING still sleeps (false once it can go on, or it died). */
    @Override
    public boolean blocked(int pid) {
        Task t = k.task(pid);
        if (t == null || !t.alive() || t.state() == Task.State.DEAD) {
            return false;
        }
        FifoSleep w = fifoSleepers.get(pid);
        if (w != null) {
            return w.waiting().getAsBoolean();
        }
        return t.stack().depth() > 0;
    }

    /** Models mknod(2): a FIFO, or a character or block device node; 0 or -errno. */
    @Override
    public long mknod(int pid, String path, int mode, long dev) {
        if (task(pid) == null) {
            return -Errno.ESRCH;
        }
        Dir parent = k.vfs().parent(path);
        if (parent == null) {
            return -Errno.ENOENT;
        }
        if (k.vfs().lookup(path) != null) {
            return -Errno.EEXIST;
        }
        if (path.startsWith("/proc") || path.startsWith("/sys")) {
            return -Errno.EPERM;            // procfs and sysfs have no ->mknod
        }
        int perm = mode & 07777;            // the caller applied its umask (mkfifo, mknod)
        Inode node = switch (mode & Inode.S_IFMT) {
            case Fifo.S_IFIFO -> new Fifo(perm);
            case Inode.S_IFCHR -> new DevNode(perm, (int) ((dev >> 8) & 0xfff), (int) ((dev & 0xff) | ((dev >> 12) & 0xfff00)));
            default -> null;
        };
        if (node == null) {
            return -Errno.EINVAL;
        }
        node.touch(wallSeconds());
        parent.put(Vfs.baseName(path), node);
        return 0;
    }

    /** Models mkdir(2) on the session's own tree: 0, -EEXIST, -ENOENT (no parent), -ENOTDIR, -EPERM in /proc and /sys. */
    @Override
    public long mkdir(int pid, String path, int mode) {
        if (task(pid) == null) {
            return -Errno.ESRCH;
        }
        if (k.vfs().lookup(path) != null) {
            return -Errno.EEXIST;
        }
        Dir parent = k.vfs().parent(path);
        if (parent == null) {
            return k.vfs().lookup(path.substring(0, Math.max(1, path.lastIndexOf('/')))) != null ? -Errno.ENOTDIR
                    : -Errno.ENOENT;
        }
        if (path.startsWith("/proc") || path.startsWith("/sys") || path.startsWith("/dev/")) {
            return -Errno.EPERM;            // procfs, sysfs and devtmpfs dirs are the kernel's
        }
        Dir d = new Dir(mode & 07777);
        d.touch(wallSeconds());
        parent.put(Vfs.baseName(path), d);
        return 0;
    }

    // ---- files ---------------------------------------------------------------------------

    @Override
    public long open(int pid, String path, int flags, int mode) {
        Task t = task(pid);
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
            f.touch(wallSeconds());
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
            f.touch(wallSeconds());
        }
        OpenFile file = new OpenFile(inode, path, flags);
        if (inode instanceof Fifo p && p.open(pid, file.readable(), file.writable()) == Fifo.WAITING) {
            return sleepInFifo(t, () -> p.waitingInOpen(pid), () -> p.abandonOpen(pid));
        }
        wokeFromFifo(t);
        if (inode instanceof RegularFile f && (flags & OpenFile.O_APPEND) != 0) {
            file.setPos(f.size());
        }
        if (inode instanceof DevNode d && d.major() != DevFs.MEM_MAJOR) {
            long r;
            try {
                r = chrdev.chrdevOpen(t, file, d, flags);
            } catch (PageFault pf) {
                r = k.kernelFault(t, pf, "chrdev_open", 0x5a, ChrdevOpen.PATH_OPEN.subList(1, ChrdevOpen.PATH_OPEN.size()));
            }
            if (r != 0) {
                return r;
            }
        }
        if (inode instanceof DebugfsFile df) {
            long r;
            try {
                r = chrdev.doDentryOpen(t, file, df.mode(), 0, df.fops(), df.data(), df.size(), 0, flags, -Errno.ENXIO, null);
            } catch (PageFault pf) {
                r = k.kernelFault(t, pf, "full_proxy_open", 0x3c, ChrdevOpen.PATH_OPEN.subList(1, ChrdevOpen.PATH_OPEN.size()));
            }
            if (r != 0) {
                return r;
            }
        }
        if (inode instanceof ProcEntry p) {
            long r;
            try {
                r = procReg.open(t, file, p, flags);
            } catch (PageFault pf) {
                r = k.kernelFault(t, pf, "proc_reg_open", 0x1c, ProcReg.PATH_OPEN.subList(1, ProcReg.PATH_OPEN.size()));
            }
            if (r != 0) {
                return r;
            }
        }
        return t.installFd(file);
    }

    private static boolean isVirtual(String path) {
        return path.startsWith("/proc") || path.startsWith("/sys") || path.startsWith("/dev");
    }

    private long wallSeconds() {
        return 1795659114L + k.now() / 1_000_000_000L;
    }

    @Override
    public byte[] read(int pid, int fd, int count) {
        Task t = task(pid);
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
                sleepInFifo(t, () -> !p.readable(), () -> { });
                t.setLastError(ERESTARTSYS);
                return null;
            }
            wokeFromFifo(t);
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
                k.kernelFault(t, pf, "kernfs_fop_read_iter", 0x1e, List.of("vfs_read+0x1c6/0x2b0", "ksys_read+0x6b/0xf0",
                        "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
                t.setLastError(Errno.EINTR);
                return null;
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
                k.kernelFault(t, pf, "proc_reg_read", 0x1e, List.of("vfs_read+0xb0/0x2b0", "ksys_read+0x6b/0xf0",
                        "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
                t.setLastError(Errno.EINTR);
                return null;
            }
        }
        t.setLastError(Errno.EINVAL);
        return null;
    }

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

    @Override
    public long write(int pid, int fd, byte[] data) {
        Task t = task(pid);
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
            r.touch(wallSeconds());
            f.setPos(f.pos() + data.length);
            return data.length;
        }
        if (inode instanceof SysfsAttr a) {
            try {
                return sysfs.write(t, a, data);
            } catch (PageFault pf) {
                return k.kernelFault(t, pf, "kernfs_fop_write_iter", 0x1e, List.of("vfs_write+0x2b5/0x3f0",
                        "ksys_write+0x6b/0xf0", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
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
                return k.kernelFault(t, pf, "proc_reg_write", 0x1e, List.of("vfs_write+0xc9/0x3f0", "ksys_write+0x6b/0xf0",
                        "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
            }
        }
        return -Errno.EINVAL;
    }

    @Override
    public long close(int pid, int fd) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.files().remove(fd);
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
    @Override
    public long dup2(int pid, int oldfd, int newfd) {
        Task t = task(pid);
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
            t.files().put(newfd, f);
        }
        return newfd;
    }

    /** Models ksys_ioctl() → do_vfs_ioctl(); see {@link Syscalls#ioctl}. */
    @Override
    public long ioctl(int pid, int fd, int cmd, long arg) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.files().get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        try {
            return ioctl.doVfsIoctl(t, fd, f, cmd, arg);
        } catch (PageFault pf) {
            return k.kernelFault(t, pf, "__x64_sys_ioctl", 0x7d, List.of("do_syscall_64+0x5d/0xb0",
                    "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
        }
    }

    /** Models ksys_lseek() → vfs_llseek(); see {@link Syscalls#lseek}. */
    @Override
    public long lseek(int pid, int fd, long offset, int whence) {
        Task t = task(pid);
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
            return k.kernelFault(t, pf, "ksys_lseek", 0x5c, List.of("do_syscall_64+0x5d/0xb0",
                    "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
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

    /** A poll(2) of pid's left asleep goes on if it was woken: see {@link Select#resumePoll}. */
    public long pollResume(int pid, int[] revents) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        try {
            return select.resumePoll(t, revents);
        } catch (PageFault pf) {
            select.cancelPoll(t);
            return k.kernelFault(t, pf, "do_sys_poll", 0x2a0, Select.PATH_POLL.subList(1, Select.PATH_POLL.size()));
        }
    }

    /** A parked poll(2) of pid's ends without a result (a signal, the process gone). */
    public void pollCancel(int pid) {
        Task t = k.task(pid);
        if (t != null) {
            select.cancelPoll(t);
        }
    }

    /** Models do_sys_poll(); see {@link Syscalls#poll}. */
    @Override
    public long poll(int pid, int[] fds, int[] events, int[] revents, int timeoutMs) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        try {
            return select.doSysPoll(t, fds, events, revents, timeoutMs);
        } catch (PageFault pf) {
            return k.kernelFault(t, pf, "do_sys_poll", 0x2a0, Select.PATH_POLL.subList(1, Select.PATH_POLL.size()));
        }
    }

    /** Whether filp_close() could read f's f_op->flush (false: the file_operations were freed). */
    private boolean flushReadable(OpenFile f) {
        try {
            k.memory().load(f.fops() + Fops.FLUSH, 8);
            return true;
        } catch (PageFault pf) {
            return false;
        }
    }

    private boolean sharedElsewhere(OpenFile f) {
        for (Task o : k.tasks().values()) {
            if (o.files().containsValue(f)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> listDir(int pid, String path) {
        Inode i = k.vfs().lookup(path);
        if (!(i instanceof Dir d)) {
            return null;
        }
        String abs = path.replaceAll("/+", "/");
        boolean sysfs = (abs.equals("/sys") || abs.startsWith("/sys/")) && !abs.startsWith("/sys/kernel/debug");
        return sysfs ? dev.kplay.kernel.fs.SysFs.kernfsOrder(d.list()) : d.list();
    }

    @Override
    public long[] stat(int pid, String path) {
        Inode i = k.vfs().lookup(path);
        if (i == null) {
            return null;
        }
        long mtime = i.mtimeSeconds() != 0 ? i.mtimeSeconds() : 1795659114L + k.now() / 1_000_000_000L;
        long rdev = i instanceof DevNode d ? (d.minor() & 0xff) | ((long) d.major() << 8) | ((long) (d.minor() & ~0xff) << 12) : 0;
        return new long[] {i.mode(), i.size(), i.isDir() ? 2 : 1, mtime, rdev, i.uid(), i.gid()};
    }

    @Override
    public long unlink(int pid, String path) {
        Dir parent = k.vfs().parent(path);
        Inode i = k.vfs().lookup(path);
        if (parent == null || i == null) {
            return -Errno.ENOENT;
        }
        if (i.isDir()) {
            return -Errno.EISDIR;
        }
        if (!(i instanceof RegularFile) || isVirtual(path)) {
            return -Errno.EPERM;
        }
        parent.remove(Vfs.baseName(path));
        return 0;
    }

    @Override
    public int lastError(int pid) {
        Task t = k.task(pid);
        return t == null ? Errno.ESRCH : t.lastError();
    }

    // ---- modules --------------------------------------------------------------------------

    @Override
    public long finitModule(int pid, int fd, String params, int flags) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        OpenFile f = t.files().get(fd);
        if (f == null || !f.readable()) {
            return -Errno.EBADF;
        }
        if (!(f.inode() instanceof RegularFile r)) {
            return -Errno.EINVAL;
        }
        k.clock().advance(2_100_000);
        return k.loader().loadModule(t, r.contents(), params);
    }

    @Override
    public long deleteModule(int pid, String name, int flags) {
        Task t = task(pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        k.clock().advance(1_200_000);
        return k.loader().deleteModule(t, name, flags);
    }

    // ---- kernel log and identity -------------------------------------------------------------

    @Override
    public String syslog(int pid, int type) {
        switch (type) {
            case 3, 4 -> {
                StringBuilder sb = new StringBuilder();
                for (LogRecord r : k.log().sinceClear()) {
                    sb.append(r.syslog()).append('\n');
                }
                if (type == 4) {
                    k.log().clear();
                }
                return sb.toString();
            }
            case 5 -> {
                k.log().clear();
                return "";
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public String[] uname(int pid) {
        return new String[] {"Linux", "kplay", k.image().release(), k.image().version(), "x86_64"};
    }
}
