package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.sched.Task;

import java.util.List;
import java.util.function.LongUnaryOperator;

/*
 * struct file_operations as the VFS reads it (offsets of kplay's <linux/fs.h>), and the one way
 * the VFS calls one of its pointers on behalf of a syscall: a module function runs on the calling
 * task (Kernel.runTask: it may sleep, fault or loop), a kernel function the module named
 * (.llseek = default_llseek, .read = seq_read) runs as a call on that task with it current.
 */

/** struct file_operations offsets and the call of one of its pointers. */
public final class Fops {
    public static final int OWNER = 0, LLSEEK = 8, READ = 16, WRITE = 24, READ_ITER = 32, WRITE_ITER = 40, POLL = 72,
            UNLOCKED_IOCTL = 80, COMPAT_IOCTL = 88, MMAP = 96, OPEN = 112, FLUSH = 120, RELEASE = 128, FASYNC = 144;
    /** The syscall entry every trace below a syscall ends with. */
    static final List<String> SYSCALL = List.of("do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    private Fops() {}

    /** Kernel functions innermost first, then the syscall entry. */
    public static List<String> path(String... functions) {
        List<String> all = new java.util.ArrayList<>(List.of(functions));
        all.addAll(SYSCALL);
        return List.copyOf(all);
    }

    /**
     * Calls fn(args) for t: module code through {@link Kernel#runTask} (its result through then, or
     * DIED/RUNNING), a kernel function directly with t current (then applied; DIED if module code it
     * called back oopsed).
     */
    static long call(Kernel k, Task t, long fn, long[] args, List<String> path, LongUnaryOperator then) {
        if (k.exports().isNative(fn)) {
            long[] r = new long[1];
            long died = k.inSyscall(t, () -> {
                r[0] = k.exports().call(fn, args, t.stack());
                return 0;
            });
            return died != 0 ? died : then.applyAsLong(r[0]);
        }
        return k.runTask(t, fn, args, path, then);
    }
}
