package dev.kplay.kernel.syscall;

import java.util.List;

/**
 * The system-call boundary between simulated user space ({@code userland}) and the kernel, as the
 * syscall table is in Linux. User space names the calling process by pid (the kernel's
 * {@code current}); every call returns a value &gt;= 0 or a negative errno, exactly as the raw
 * syscall does.
 *
 * <p>A call that runs module code can end three ways: it returns; the calling task dies in the
 * kernel (an oops kills it: the call returns {@link #DIED} and {@link #exitStatus(int)} then says
 * "killed by SIGKILL", which the shell prints as {@code Killed}); or the task is still inside the
 * kernel when the call gives control back (asleep with nothing pending to wake it, or still running
 * when the request's instruction budget ran out): the call returns {@link #RUNNING} and the task
 * stays in state S/D/R. If it is woken or finishes later, its call completes then and the process
 * ends (see kernel/sched/Scheduler).
 */
public interface Syscalls {
    /** The calling task died inside the call (oops, SIGKILL). */
    long DIED = Long.MIN_VALUE;
    /** The calling task is still in the kernel (asleep or still running); the call has not returned. */
    long RUNNING = Long.MIN_VALUE + 1;

    // ---- processes -----------------------------------------------------------------------
    /** fork+execve in one: a new task with this comm and argv, child of {@code parent}; returns its pid. */
    int spawn(int parent, String comm, List<String> argv);

    /**
     * execve(path, argv, envp) of a user program by task {@code pid} (already forked by the shell),
     * with its standard streams: runs the program in user mode until it ends, and returns its
     * wait(2) status; or {@link #RUNNING} if it is still running or blocked; or -errno if it could
     * not be executed (-ENOENT, -EACCES, -ENOEXEC). The default reports ENOSYS.
     */
    default long execve(int pid, String path, List<String> argv, List<String> envp, StdStreams std) {
        return -38;
    }

    /**
     * execve() of one of the shell's own programs (cat, ls...): the task takes the program's name
     * and arguments, its pid and open files stay; 0 or -errno.
     */
    default long execProgram(int pid, String comm, List<String> argv) {
        return -38;
    }

    /** readlink(path): the target of a symbolic link (/proc/PID/fd/N), or null. */
    default String readlink(int pid, String path) {
        return null;
    }

    /** exit_group(status) of a task that finished normally. */
    void exit(int pid, int status);

    /**
     * How a task ended, in wait(2) encoding: (status &lt;&lt; 8) for exit, or the signal number for a
     * task killed by a signal (9 = SIGKILL after an oops); -1 while it has not ended.
     */
    int exitStatus(int pid);

    /**
     * wait4(pid) by {@code parent} once {@link #exitStatus(int)} says the child has ended: reaps the
     * zombie, so it leaves /proc and ps. Returns the pid, or -ECHILD if it is not an ended child of
     * {@code parent}. (Added by userland; the default only reports that the kernel does not reap yet.)
     */
    default long waitpid(int parent, int pid) {
        return -38;
    }

    /**
     * wait4() by {@code parent} for a child that has not ended: the parent sleeps in do_wait()
     * (TASK_INTERRUPTIBLE, ps: S) while {@code waiting} is true, and is woken (one voluntary
     * context switch) when it is set false. The default does nothing.
     */
    default void sleepInWait(int parent, boolean waiting) {
    }

    /** nanosleep() of task {@code pid}: it sleeps in hrtimer_nanosleep() (S) until called again with false. */
    default void nanosleep(int pid, boolean asleep) {
    }

    /** Whether task {@code pid} is stopped (T) by SIGSTOP or another stop signal. */
    default boolean stopped(int pid) {
        return false;
    }

    /**
     * Whether a call of task {@code pid} that came back {@link #RUNNING} (or failed with
     * ERESTARTSYS, 512) still sleeps in the kernel; false once it was woken (the call is then made
     * again and completes, as a restarted syscall does) or the task died.
     */
    default boolean blocked(int pid) {
        return false;
    }

    /**
     * Whether task {@code pid} was left EXIT_DEAD (a recursive fault in do_exit()): wait4() skips
     * such a child, so waiting for it fails with ECHILD although it never ended.
     */
    default boolean exitDead(int pid) {
        return false;
    }

    /** kill(pid, sig): 0 or -ESRCH. Delivery follows the task's state (D and dead tasks ignore it). */
    long kill(int pid, int sig);

    // ---- files (paths are absolute) --------------------------------------------------------
    /** open(path, flags): a file descriptor or -ENOENT, -EACCES, -EISDIR... flags: O_RDONLY=0, O_WRONLY=1, O_RDWR=2, O_CREAT=0100, O_TRUNC=01000, O_APPEND=02000. */
    long open(int pid, String path, int flags, int mode);

    /** read(fd, count): the bytes read (possibly empty at end of file) or null with the errno in {@link #lastError(int)}. */
    byte[] read(int pid, int fd, int count);

    /** write(fd, data): bytes written or -errno. */
    long write(int pid, int fd, byte[] data);

    long close(int pid, int fd);

    /**
     * dup2(oldfd, newfd): newfd refers to oldfd's open file (an open newfd is closed first); returns
     * newfd or -EBADF. (Added by userland for bash's "exec 3&lt; file"; the default reports ENOSYS.)
     */
    default long dup2(int pid, int oldfd, int newfd) {
        return -38;
    }

    /**
     * ioctl(fd, cmd, arg) as the raw syscall: do_vfs_ioctl()'s common commands (FIONBIO, FIOASYNC,
     * FIOCLEX, FIONCLEX, FIOQSIZE, FIGETBSZ; FIONREAD on regular files), else the driver's
     * unlocked_ioctl (a /proc file's proc_ioctl) run on the calling task with cmd and arg unchanged.
     * arg is a number or a user pointer: user memory is the calling task's part of the kernel's
     * address space below 0x0000800000000000 ({@code Kernel.memory()}), where copy_to_user and
     * copy_from_user reach it. Returns the driver's result cut to int as Linux does, or -EBADF (no
     * such fd), -ENOTTY (no ioctl, or -ENOIOCTLCMD from the driver), -EFAULT..., or DIED/RUNNING.
     * The default reports ENOSYS.
     */
    default long ioctl(int pid, int fd, int cmd, long arg) {
        return -38;
    }

    /**
     * lseek(fd, offset, whence) as the raw syscall, whence SEEK_SET=0, SEEK_CUR=1, SEEK_END=2,
     * SEEK_DATA=3, SEEK_HOLE=4: the new position, or -EBADF, -EINVAL (bad whence, negative
     * result), -ESPIPE (a file opened without llseek, nonseekable_open, stream_open, no_llseek),
     * -ENXIO (SEEK_DATA/SEEK_HOLE past the end); a driver's llseek runs on the calling task (it may
     * also return DIED/RUNNING). The default reports ENOSYS.
     */
    default long lseek(int pid, int fd, long offset, int whence) {
        return -38;
    }

    /**
     * poll(fds, nfds, timeout) as the raw syscall with struct pollfd split in three arrays: fds[i]
     * (negative: ignored), events[i] (POLLIN=1, POLLPRI=2, POLLOUT=4, POLLRDNORM=0x40,
     * POLLWRNORM=0x100...) and revents[i], which the call fills (POLLERR=8, POLLHUP=0x10 always
     * possible, POLLNVAL=0x20 for a bad fd). timeoutMs &lt; 0 waits for ever, 0 does not wait.
     * Returns how many entries have revents, 0 on timeout, -EINVAL (more than 1024 fds), or
     * DIED/RUNNING (a wait nothing pending can end leaves the task asleep in S). Drivers' poll
     * runs on the calling task; a wake_up on a queue it gave poll_wait() ends the wait.
     * The default reports ENOSYS.
     */
    default long poll(int pid, int[] fds, int[] events, int[] revents, int timeoutMs) {
        return -38;
    }

    /** getdents: the names in a directory (without "." and ".."), or null if not a directory / missing. */
    List<String> listDir(int pid, String path);

    /**
     * stat: null if missing; else {mode, size, nlink, mtime-seconds} and, where the kernel gives it, a
     * fifth element rdev (new_encode_dev() of a device node's major:minor, 0 otherwise). mode has
     * S_IFDIR/S_IFREG/S_IFCHR bits. The sixth and seventh elements, where given, are st_uid and st_gid.
     */
    long[] stat(int pid, String path);

    /** unlink(path): 0 or -errno. */
    long unlink(int pid, String path);

    /** mkdir(path, mode) with the caller's umask applied: 0 or -errno. */
    default long mkdir(int pid, String path, int mode) {
        return -38;
    }

    /**
     * clock_gettime(clock): nanoseconds of CLOCK_MONOTONIC (1) or CLOCK_BOOTTIME (7), the
     * kernel's virtual time since boot; -EINVAL for other clocks. The default reports ENOSYS.
     */
    default long clockGettime(int pid, int clock) {
        return -38;
    }

    /**
     * mknod(path, mode, dev): makes a device node (S_IFCHR/S_IFBLK in mode, dev = new_encode_dev of
     * major:minor) or a FIFO (S_IFIFO); 0 or -errno (-EEXIST, -ENOENT...). The default, for a
     * kernel without the VFS side, reports ENOSYS.
     */
    default long mknod(int pid, String path, int mode, long dev) {
        return -38;
    }

    /** The errno of the last failed call that returned null. */
    int lastError(int pid);

    // ---- sessions and process groups (job control) ------------------------------------------
    /** setsid(): {@code pid} leads a new session and process group; its pid, or -EPERM for a group leader. The default reports ENOSYS. */
    default long setsid(int pid) {
        return -38;
    }

    /** setpgid(pid, pgid) called by {@code caller}: 0 or -errno (-ESRCH, -EPERM). The default reports ENOSYS. */
    default long setpgid(int caller, int pid, int pgid) {
        return -38;
    }

    /**
     * The session leader {@code pid} opens the session's terminal without O_NOCTTY: it becomes the
     * controlling tty (tty_open_proc_set_tty()); 0 or -errno. The default reports ENOSYS.
     */
    default long setControllingTty(int pid) {
        return -38;
    }

    /** tcsetpgrp(tty, pgrp) (ioctl TIOCSPGRP) on {@code pid}'s controlling tty: 0 or -errno (-ENOTTY). The default reports ENOSYS. */
    default long tcsetpgrp(int pid, int pgrp) {
        return -38;
    }

    /**
     * getpriority(PRIO_PROCESS, pid) as the raw syscall returns it: 20 - nice (1..40), or -ESRCH.
     * {@code pid} 0 is the caller. The default reports ENOSYS.
     */
    default long getpriority(int caller, int pid) {
        return -38;
    }

    /** setpriority(PRIO_PROCESS, pid, nice), nice clamped to -20..19: 0 or -ESRCH. The default reports ENOSYS. */
    default long setpriority(int caller, int pid, int nice) {
        return -38;
    }

    // ---- modules --------------------------------------------------------------------------
    /** finit_module(fd, params, flags): 0 or -errno (-EEXIST, -ENOEXEC, -ENOENT, -EBUSY...), or DIED/RUNNING. */
    long finitModule(int pid, int fd, String params, int flags);

    /** delete_module(name, flags): flags O_NONBLOCK=04000, O_TRUNC=01000 (force). 0 or -errno, or DIED/RUNNING. */
    long deleteModule(int pid, String name, int flags);

    // ---- kernel log and identity -------------------------------------------------------------
    /**
     * syslog(type, len) as dmesg uses it: 3 = READ_ALL, 4 = READ_CLEAR, 5 = CLEAR; returns the text
     * in syslog format ("&lt;6&gt;[    1.662453] Hello, world 3\n" per record) or null.
     */
    String syslog(int pid, int type);

    /** uname(2): sysname, nodename, release, version, machine. */
    String[] uname(int pid);
}
