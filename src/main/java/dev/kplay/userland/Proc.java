package dev.kplay.userland;

import dev.kplay.userland.sh.Shell;
import dev.kplay.kernel.syscall.Syscalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/*
 * A running program's view of itself: its pid, argv, stdin, stdout and stderr, and the system-call
 * interface. The helpers here are libc's: open+read a whole file, resolve a path against the cwd,
 * and check every raw syscall result for the two ways a task can leave user space (DIED, RUNNING).
 */

/** The process a {@link Command} runs in. */
public final class Proc {
    /** Largest file a program reads in one go; a module whose read never ends stops here. */
    public static final int MAX_READ = 1 << 20;
    /** The errno of a read that slept in the kernel and is made again once the task is woken. */
    static final int ERESTARTSYS = 512;

    private final Syscalls sys;
    private final int pid;
    private final List<String> argv;
    private final Input stdin;
    /** stdin as read so far by {@link #stdin()}, null until a program asks for it. */
    private byte[] stdinBytes;
    private final Sink out;
    private final Sink err;
    private final Shell shell;
    /** The first write(2) error on stdout, 0 if none. */
    private int writeError;

    public Proc(Syscalls sys, int pid, List<String> argv, Input stdin, Sink out, Sink err, Shell shell) {
        this.sys = sys;
        this.pid = pid;
        this.argv = argv;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.shell = shell;
    }

    public Syscalls sys() { return sys; }

    public int pid() { return pid; }

    /** argv, argv[0] included. */
    public List<String> argv() { return argv; }

    /** The arguments after argv[0]. */
    public List<String> args() { return argv.subList(1, argv.size()); }

    /** All of stdin (read to end of file on first use). */
    public byte[] stdin() {
        if (stdinBytes == null) {
            stdinBytes = stdin.drain(this);
        }
        return stdinBytes;
    }

    /** stdin itself, for the read builtin that takes one line at a time. */
    public Input input() { return stdin; }

    public Sink out() { return out; }

    public Sink err() { return err; }

    public Shell shell() { return shell; }

    /** The working directory (absolute). */
    public String cwd() { return shell.cwd(); }

    /** Writes to stdout, remembering the first error. */
    public void print(String s) {
        long r = check(out.write(s));
        if (r < 0 && writeError == 0) {
            writeError = (int) -r;
        }
    }

    /** Writes to stdout; returns bytes written or -errno. */
    public long write(byte[] data) {
        long r = check(out.write(data));
        if (r < 0 && writeError == 0) {
            writeError = (int) -r;
        }
        return r;
    }

    /** Writes to stderr. */
    public void eprint(String s) {
        err.write(s);
    }

    public int writeError() { return writeError; }

    /** Whether stdout is the terminal. */
    public boolean stdoutIsTty() { return out.isTty(); }

    /** An absolute, normalized path for {@code path} relative to the cwd. */
    public String path(String path) {
        return Paths.resolve(cwd(), path);
    }

    /**
     * Makes a raw syscall, and makes it again after a sleep in the kernel (a restarted syscall): on
     * a background job's thread, a call that came back RUNNING parks the job until the kernel has
     * woken the task. Returns the call's result, or DIED if the task died meanwhile.
     */
    public static long restarting(Syscalls sys, int pid, java.util.function.LongSupplier call) {
        long r = call.getAsLong();
        while (r == Syscalls.RUNNING && dev.kplay.userland.sh.Coroutine.sleepWhile(() -> sys.blocked(pid))) {
            if (sys.exitStatus(pid) != -1) {
                return Syscalls.DIED;
            }
            r = call.getAsLong();
        }
        return r;
    }

    /** Unwinds the program if a raw result says the task died or stays in the kernel. */
    public static long orGone(long r) {
        if (r == Syscalls.DIED) {
            throw new TaskGone(true);
        }
        if (r == Syscalls.RUNNING) {
            throw new TaskGone(false);
        }
        return r;
    }

    /** Passes a raw syscall result through, unwinding the program if the task left user space. */
    public long check(long r) {
        if (r == Syscalls.DIED) {
            throw new TaskGone(true);
        }
        if (r == Syscalls.RUNNING) {
            throw new TaskGone(false);
        }
        return r;
    }

    /**
     * errno after a read that returned null, unwinding if the task died (it has an exit status)
     * or stayed in the kernel (the kernel reports EINTR for a read that did not return).
     */
    public int readFailure() {
        if (sys.exitStatus(pid) != -1) {
            throw new TaskGone(true);
        }
        int e = sys.lastError(pid);
        if (e == 0 || e == Errno.EINTR || e == ERESTARTSYS) {
            throw new TaskGone(false);
        }
        return e;
    }

    /** The contents of an absolute path; throws {@link FileError} with the errno of open or read. */
    /** The bytes of a command's file operand: standard input for "-", else the file (FileError if unreadable). */
    public byte[] operand(String f) {
        return f.equals("-") ? stdin() : readFile(path(f));
    }

    public byte[] readFile(String abs) {
        long fd = check(restarting(sys, pid, () -> sys.open(pid, abs, 0, 0)));
        if (fd < 0) {
            throw new FileError((int) -fd);
        }
        try {
            return readAll((int) fd);
        } finally {
            sys.close(pid, (int) fd);
        }
    }

    /** open(2) of an absolute path, made again after a sleep in the kernel (a fifo's open); unwinds as check() does. */
    public long open(String abs, int flags) {
        return check(restarting(sys, pid, () -> sys.open(pid, abs, flags, 0)));
    }

    /** read(2), made again after a sleep in the kernel (an empty pipe); null with the errno as sys.read(). */
    public byte[] read(int fd, int count) {
        while (true) {
            byte[] chunk = sys.read(pid, fd, count);
            if (chunk == null && sys.lastError(pid) == ERESTARTSYS
                    && dev.kplay.userland.sh.Coroutine.sleepWhile(() -> sys.blocked(pid))) {
                continue;
            }
            return chunk;
        }
    }

    /** read(2) until end of file (or {@link #MAX_READ}). */
    public byte[] readAll(int fd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (b.size() < MAX_READ) {
            byte[] chunk = sys.read(pid, fd, 4096);
            if (chunk == null && sys.lastError(pid) == ERESTARTSYS
                    && dev.kplay.userland.sh.Coroutine.sleepWhile(() -> sys.blocked(pid))) {
                continue;           // pipe_read() slept; the job was resumed once data or end of file came
            }
            if (chunk == null) {
                throw new FileError(readFailure());
            }
            if (chunk.length == 0) {
                break;
            }
            b.write(chunk, 0, chunk.length);
        }
        return b.toByteArray();
    }

    /** The contents of a text file, or null if it cannot be read. */
    public String readText(String abs) {
        try {
            return new String(readFile(abs), StandardCharsets.UTF_8);
        } catch (FileError e) {
            return null;
        }
    }

    /** A failed open or read; {@code errno} is positive. */
    public static final class FileError extends RuntimeException {
        public final int errno;

        FileError(int errno) {
            super(Errno.strerror(errno), null, false, false);
            this.errno = errno;
        }
    }
}
