package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.kernel.syscall.Syscalls;

import static dev.kplay.kernel.exec.SyscallEntry.GONE;
import static dev.kplay.kernel.exec.SyscallEntry.PARK;
import static dev.kplay.kernel.exec.SyscallEntry.UNMODELED;

/*
 * poll(2) of a user program, as fs/select.c holds it (do_sys_poll()): each descriptor's poll
 * method, then a sleep until one is ready, the timeout passes, or a signal comes. Split from
 * UserSyscalls, which stays the table of entry points, along the kernel's file lines.
 */

/** The poll syscall of user mode (fs/select.c). */
final class UserPoll {
    private final Kernel k;
    private final Exec exec;
    private final UserSyscalls sys;

    UserPoll(Kernel k, Exec exec, UserSyscalls sys) {
        this.k = k;
        this.exec = exec;
        this.sys = sys;
    }

    /**
     * Models do_sys_poll(): the kernel's (files, drivers' f_op->poll, a wait on their queues) for
     * the process's open files; the terminal's streams (fds 0-2 as the shell gave them) are ready.
     */
    long poll(UserProcess up, long fds, long nfds, int timeoutMs) {
        if (nfds < 0 || nfds > 1024) {
            return -Errno.EINVAL;
        }
        byte[] b = sys.fromUser(fds, 8 * nfds);
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
                    return sys.toUser(fds, bb.array()) ? terminalReady + v : -Errno.EFAULT;
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
        if (!sys.toUser(fds, bb.array())) {
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
            return sys.time.interrupted(up);
        }
        exec.enter(up);
        return 0;
    }
}
