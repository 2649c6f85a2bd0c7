package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.TaskExit;
import dev.kplay.kernel.fs.ChrdevOpen;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.Fifo;
import dev.kplay.kernel.fs.Fops;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.Ioctl;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.fs.ProcReg;
import dev.kplay.kernel.fs.ReadWrite;
import dev.kplay.kernel.fs.Select;
import dev.kplay.kernel.fs.SysfsFile;
import dev.kplay.kernel.fs.RegularFile;
import dev.kplay.kernel.fs.Vfs;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.PageFault;

import java.util.List;

/*
 * The system calls (arch/x86/entry/syscalls/syscall_64.tbl, the ones kplay's user space needs),
 * one handler each, as a flat table. Each validates the calling pid, then does what the Linux
 * syscall does, returning a value or a negative errno. Files whose operations are module code
 * (proc_create entries) run that code on the calling task through Kernel.runTask. The longer
 * handlers sit beside it in classes named for the Linux files that hold them, so the table stays
 * short: SysOpen (fs/open.c), SysReadWrite (fs/read_write.c), SysSignal
 * (kernel/signal.c), and PipeWait (fs/pipe.c) for the tasks asleep in a fifo.
 */

/** The syscall handlers behind {@link Syscalls}. */
public final class SyscallTable implements Syscalls {
    static final int NR_READ = 0, NR_WRITE = 1, NR_DELETE_MODULE = 176, NR_FINIT_MODULE = 313;
    private final Kernel k;
    private final Ioctl ioctl;
    private final Select select;
    private final PipeWait pipes = new PipeWait();
    private final SysOpen files;
    private final SysReadWrite readWrite;
    private final SysSignal signals;
    private final SysSession sessions;

    public SyscallTable(Kernel k) {
        this.k = k;
        ChrdevOpen chrdev = new ChrdevOpen(k);
        ReadWrite rw = new ReadWrite(k);
        ProcReg procReg = new ProcReg(k);
        this.ioctl = new Ioctl(k, procReg);
        this.select = new Select(k, procReg);
        SysfsFile sysfs = new SysfsFile(k);
        this.files = new SysOpen(k, chrdev, procReg, pipes);
        this.readWrite = new SysReadWrite(k, rw, procReg, sysfs, pipes);
        this.signals = new SysSignal(k, pipes);
        this.sessions = new SysSession(k);
    }

    /**
     * The calling task, or null if there is none, it has ended, or it is still inside an earlier
     * syscall (blocked or parked on its kernel stack): such a task cannot make another call.
     */
    static Task caller(Kernel k, int pid) {
        Task t = k.task(pid);
        return t != null && t.alive() && t.stack().depth() == 0 ? t : null;
    }

    private Task task(int pid) {
        return caller(k, pid);
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
        t.fileTable().putAll(p.files());
        t.setPgrp(p.pgrp());                // copy_process(): the parent's group, session and terminal
        t.setSession(p.session());
        t.setTty(p.tty());
        t.setFlags(Task.PF_RANDOMIZE);      // after the exec: randomize_va_space (PF_FORKNOEXEC cleared)
        k.tasks().put(pid, t);
        return pid;
    }

    @Override
    public long setsid(int pid) { return sessions.setsid(pid); }

    @Override
    public long setpgid(int caller, int pid, int pgid) { return sessions.setpgid(caller, pid, pgid); }

    @Override
    public long setControllingTty(int pid) { return sessions.setControllingTty(pid); }

    @Override
    public long tcsetpgrp(int pid, int pgrp) { return sessions.tcsetpgrp(pid, pgrp); }

    @Override
    public long getpriority(int caller, int pid) { return sessions.getpriority(caller, pid); }

    @Override
    public long setpriority(int caller, int pid, int nice) { return sessions.setpriority(caller, pid, nice); }

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

    /**
     * A path through /proc/self as the lookup follows that link (proc_self_get_link()): to the
     * calling task's own /proc/PID. The link itself ("/proc/self" as the last component) stays.
     */
    static String procSelf(int pid, String path) {
        String p = path.replaceAll("/+", "/");
        return p.startsWith("/proc/self/") ? "/proc/" + pid + p.substring("/proc/self".length()) : path;
    }

    /** Models readlink() of /proc/PID/fd/N: the open file's path. */
    @Override
    public String readlink(int pid, String path) {
        if (path.replaceAll("/+", "/").replaceAll("(.)/$", "$1").equals("/proc/self")) {
            return String.valueOf(pid);         // proc_self_get_link(): the caller's tgid
        }
        return k.vfs().lookup(procSelf(pid, path)) instanceof dev.kplay.kernel.fs.Symlink l ? l.target() : null;
    }

    @Override
    public void exit(int pid, int status) {
        Task t = task(pid);
        if (t != null && t.stack().depth() == 0) {
            // do_exit(): put_files_struct() runs filp_close() on every fd; one whose f_op is in a module
            // that is gone faults there, and the exiting task is left dead (Kernel.doExit)
            for (OpenFile f : t.files().values()) {
                if (f.fops() != 0 && !flushReadable(f)) {
                    k.doExit(t, (status & 0xff) << 8, TaskExit.EXIT_GROUP);
                    return;
                }
            }
            for (Integer fd : List.copyOf(t.files().keySet())) {
                files.close(pid, fd);
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
            t.countVoluntarySwitch();       // __schedule() counts nvcsw as the sleeping task switches out
        } else if (!waiting && t.state() == Task.State.SLEEPING && t.sleepFrames().equals(WAIT4_PATH)) {
            t.setState(Task.State.RUNNING);
            t.setSleepState(0);
            t.setSleepFrames(List.of());
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
        Task p = k.task(parent);
        if (p != null) {
            p.reaped(t, k.config().nanosPerInstruction());
        }
        k.tasks().remove(pid);
        return pid;
    }

    @Override
    public long kill(int pid, int sig) {
        return signals.kill(pid, sig);
    }

    /** Whether task {@code pid} is stopped by a signal (job control). */
    @Override
    public boolean stopped(int pid) {
        return signals.stopped(pid);
    }

    /** The frames of a task in nanosleep(): clock_nanosleep(2) -> hrtimer_nanosleep(). */
    static final List<String> NANOSLEEP_PATH = List.of("hrtimer_nanosleep+0x9e/0x170", "common_nsleep+0x3f/0x50",
            "__x64_sys_clock_nanosleep+0xdb/0x140", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

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
            t.countVoluntarySwitch();       // counted as it switches out (__schedule())
        } else if (t.sleepFrames().equals(NANOSLEEP_PATH)) {
            t.setState(Task.State.RUNNING);
            t.setSleepState(0);
            t.setSleepFrames(List.of());
            k.wakeupPreempt();              // hrtimer_wakeup(): the sleeper preempts a program on the CPU
        }
    }

    // ---- sleeping in a pipe ------------------------------------------------------------------

    /** -ERESTARTSYS: the call slept and must be made again once the task is woken (see blocked()). */
    public static final int ERESTARTSYS = 512;

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
        if (pipes.asleep(pid)) {
            return pipes.waiting(pid);
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
        node.touch(SysOpen.wallSeconds(k));
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
        d.touch(SysOpen.wallSeconds(k));
        parent.put(Vfs.baseName(path), d);
        return 0;
    }

    // ---- files ---------------------------------------------------------------------------

    @Override
    public long open(int pid, String path, int flags, int mode) {
        return files.open(pid, procSelf(pid, path), flags, mode);
    }

    @Override
    public byte[] read(int pid, int fd, int count) {
        return readWrite.read(pid, fd, count);
    }

    @Override
    public long write(int pid, int fd, byte[] data) {
        return readWrite.write(pid, fd, data);
    }

    @Override
    public long close(int pid, int fd) {
        return files.close(pid, fd);
    }

    /** Models dup2(): newfd shares oldfd's open file; an open newfd is closed first. */
    @Override
    public long dup2(int pid, int oldfd, int newfd) {
        return files.dup2(pid, oldfd, newfd);
    }

    /** Models ksys_lseek() → vfs_llseek(); see {@link Syscalls#lseek}. */
    @Override
    public long lseek(int pid, int fd, long offset, int whence) {
        return readWrite.lseek(pid, fd, offset, whence);
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

    @Override
    public List<String> listDir(int pid, String path) {
        path = path.replaceAll("/+", "/").replaceAll("(.)/$", "$1").equals("/proc/self") ? "/proc/" + pid : procSelf(pid, path);
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
        Inode i = k.vfs().lookup(procSelf(pid, path));
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
        if (!(i instanceof RegularFile) || SysOpen.isVirtual(path)) {
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
