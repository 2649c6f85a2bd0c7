package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.syscall.Errno;

import static dev.kplay.kernel.exec.SyscallEntry.GONE;
import static dev.kplay.kernel.exec.SyscallEntry.PARK;
import static dev.kplay.kernel.exec.UserSyscalls.EPOCH;

/*
 * clock_gettime(2) (kernel/time/posix-timers.c) and nanosleep(2) (hrtimer_nanosleep(),
 * kernel/time/hrtimer.c) of a user program, and what Ctrl-C does to a sleep in the foreground
 * (-EINTR after the program's handler, or death by SIGINT). Split from UserSyscalls, which stays
 * the table of entry points, along the kernel's file lines.
 */

/** The time syscalls of user mode (kernel/time/). */
final class UserTime {
    private final Kernel k;
    private final Exec exec;
    private final UserSyscalls sys;

    UserTime(Kernel k, Exec exec, UserSyscalls sys) {
        this.k = k;
        this.exec = exec;
        this.sys = sys;
    }

    /** Models sys_clock_gettime(): writes struct timespec for the clock; 0, -EINVAL or -EFAULT. */
    long clockGettime(int clock, long ts) {
        long now = k.now();
        long ns;
        switch (clock) {
            case 0 -> ns = EPOCH * 1_000_000_000L + now;          // CLOCK_REALTIME
            case 1, 4, 7 -> ns = now;                            // MONOTONIC, MONOTONIC_RAW, BOOTTIME
            default -> {
                return -Errno.EINVAL;
            }
        }
        return sys.putLong(ts, ns / 1_000_000_000L) && sys.putLong(ts + 8, ns % 1_000_000_000L) ? 0 : -Errno.EFAULT;
    }

    /** Models hrtimer_nanosleep(): the terminal's clock in the foreground, a timer in a background job. */
    long nanosleep(UserProcess up, long req) {
        byte[] b = sys.fromUser(req, 16);
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
        exec.wakeupPreempt();           // hrtimer_wakeup(): the sleeper preempts a program that had the CPU
        exec.enter(up);
        return 0;
    }

    /** Ctrl-C during a foreground wait: the program's SIGINT handler runs and the call fails with EINTR, or SIGINT kills it. */
    long interrupted(UserProcess up) {
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
}
