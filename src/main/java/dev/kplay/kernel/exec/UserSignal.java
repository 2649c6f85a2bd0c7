package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.syscall.Errno;

import static dev.kplay.kernel.exec.SyscallEntry.GONE;
import static dev.kplay.kernel.exec.SyscallEntry.PARK;

/*
 * kill(2) and rt_sigaction(2) of a user program, as kernel/signal.c holds them: a signal sent
 * through the kernel's own kill, and the program's dispositions recorded for its handlers. Split
 * from UserSyscalls, which stays the table of entry points, along the kernel's file lines.
 */

/** The signal syscalls of user mode (kernel/signal.c). */
final class UserSignal {
    private final Kernel k;
    private final Exec exec;
    private final UserSyscalls sys;

    UserSignal(Kernel k, Exec exec, UserSyscalls sys) {
        this.k = k;
        this.exec = exec;
        this.sys = sys;
    }

    /** Models sys_kill(): 0, or a negative errno. */
    long kill(UserProcess up, int pid, int sig) {
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

    /** Models do_sigaction(): records the handler; 0, -EINVAL or -EFAULT. */
    long sigaction(UserProcess up, int sig, long act, long oldact) {
        if (sig < 1 || sig > 64 || sig == 9 || sig == 19) {
            return -Errno.EINVAL;
        }
        if (oldact != 0 && !sys.putLong(oldact, up.handlers[sig])) {
            return -Errno.EFAULT;
        }
        if (act != 0) {
            byte[] h = sys.fromUser(act, 8);
            if (h == null) {
                return -Errno.EFAULT;
            }
            up.handlers[sig] = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        }
        return 0;
    }
}
