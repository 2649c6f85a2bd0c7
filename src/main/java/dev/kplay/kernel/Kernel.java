package dev.kplay.kernel;

import dev.kplay.kernel.printk.LogRing;
import dev.kplay.kernel.syscall.Syscalls;

import java.util.List;

/*
 * One simulated Linux 6.1 kernel: the object graph a session owns. Skeleton; filled in by the
 * subsystems (mm, printk, sched, module, fs, panic).
 */

/** A booted kernel; user space reaches it only through {@link Syscalls}. */
public final class Kernel implements Syscalls {
    private final KernelConfig config;
    private final LogRing log;
    private long now;

    private Kernel(KernelConfig config) {
        this.config = config;
        this.log = new LogRing(config.logBufferBytes());
    }

    /** Models start_kernel(): brings every subsystem up in order and starts init (pid 1). */
    public static Kernel boot(KernelConfig config) {
        return new Kernel(config);
    }

    public LogRing log() { return log; }

    public KernelSnapshot snapshot() {
        return new KernelSnapshot(now, 0, "G", List.of(), List.of(new KernelSnapshot.TaskInfo(1, 0, "init", 'S')));
    }

    /** Virtual nanoseconds since boot. */
    public long now() { return now; }

    /** Idle time passes (timers and watchdogs run in it). */
    public void advanceTime(long nanos) { now += nanos; }

    private static final long ENOSYS = -38;

    @Override public int spawn(int parent, String comm, List<String> argv) { return -11; }
    @Override public void exit(int pid, int status) { }
    @Override public int exitStatus(int pid) { return -1; }
    @Override public long kill(int pid, int sig) { return ENOSYS; }
    @Override public long open(int pid, String path, int flags, int mode) { return ENOSYS; }
    @Override public byte[] read(int pid, int fd, int count) { return null; }
    @Override public long write(int pid, int fd, byte[] data) { return ENOSYS; }
    @Override public long close(int pid, int fd) { return ENOSYS; }
    @Override public List<String> listDir(int pid, String path) { return null; }
    @Override public long[] stat(int pid, String path) { return null; }
    @Override public long unlink(int pid, String path) { return ENOSYS; }
    @Override public int lastError(int pid) { return 38; }
    @Override public long finitModule(int pid, int fd, String params, int flags) { return ENOSYS; }
    @Override public long deleteModule(int pid, String name, int flags) { return ENOSYS; }
    @Override public String syslog(int pid, int type) { return null; }
    @Override public String[] uname(int pid) {
        return new String[] {"Linux", "kplay", "6.1.0-56-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)", "x86_64"};
    }
}
