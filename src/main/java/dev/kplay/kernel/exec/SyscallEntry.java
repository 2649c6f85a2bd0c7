package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.vm.KernelStack;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/*
 * do_syscall_64() (arch/x86/entry/common.c) for user programs: the number in rax goes through
 * the booted kernel's syscall table (syscall_64.tbl: number -> entry point such as "sys_write");
 * a number the table has no entry for is sys_ni_syscall's -ENOSYS. The entry point then runs the
 * Java model of that 6.1 function (UserSyscalls), or one compiled from the session's own kernel
 * tree. A stock 6.1 entry point that kplay does not model is not answered with a made-up value:
 * the process gets a marked kplay note on its stderr and is ended with SIGSYS, as a seccomp
 * filter ends a process that makes a system call it refuses.
 */

/** The syscall entry of user mode. */
final class SyscallEntry {
    /** Results that are not a value for rax: the call waits in the kernel, or the process ended. */
    static final long PARK = Long.MIN_VALUE + 10, GONE = Long.MIN_VALUE + 11, UNMODELED = Long.MIN_VALUE + 12;
    static final int SIGSYS = 31;

    private final Kernel k;
    private final Exec exec;
    private final IntFunction<String> entryPoints;
    private final UserSyscalls calls;

    SyscallEntry(Kernel k, Exec exec, IntFunction<String> entryPoints) {
        this.k = k;
        this.exec = exec;
        this.entryPoints = entryPoints;
        this.calls = new UserSyscalls(k, exec);
    }

    /** The gate: args = {nr, a1..a6}; the value for rax, or the stack is left blocked (park, exit). */
    long syscall(UserProcess up, long[] args, KernelStack ks) {
        Task t = up.task;
        long[] a = new long[6];
        System.arraycopy(args, 1, a, 0, Math.min(6, args.length - 1));
        long nr = args.length > 0 ? args[0] : -1;
        String entry = nr >= 0 && nr < Integer.MAX_VALUE ? entryPoints.apply((int) nr) : null;
        t.setSyscallNr((int) nr);
        long r = entry == null ? -Errno.ENOSYS : calls.call(up, entry, a);
        if (r == UNMODELED && k.builtin().provides(entry)) {
            // The entry point was compiled from the session's ~/linux (kernel/sys.c): run it on the task.
            long b = k.builtin().call(t.pid(), (int) nr, entry, a);
            exec.enter(up);
            r = b == dev.kplay.kernel.syscall.Syscalls.DIED ? GONE : b == dev.kplay.kernel.syscall.Syscalls.RUNNING ? PARK : b;
        }
        if (r == UNMODELED) {
            String note = "kplay: " + entry + " (system call " + nr + ") is not modelled by kplay's kernel; "
                    + up.task.comm() + " is stopped with SIGSYS\n";
            up.std.write(2, note.getBytes(StandardCharsets.UTF_8));
            exec.killed(up, SIGSYS);
            r = GONE;
        }
        if (r != PARK) {
            t.setSyscallNr(-1);
        }
        if (r == PARK && t.alive() && t.stack().depth() == 0 && up.completed == Long.MIN_VALUE) {
            t.setState(Task.State.SLEEPING);      // a wait of its own (nanosleep, pause, poll): S in ps
        }
        if (r == PARK || r == GONE) {
            if (!ks.isBlocked()) {
                ks.block();
            }
            return 0;
        }
        exec.enter(up);
        return r;
    }
}
