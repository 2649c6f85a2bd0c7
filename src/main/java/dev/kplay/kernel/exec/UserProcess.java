package dev.kplay.kernel.exec;

import dev.kplay.kernel.mm.MmStruct;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.UserMode;
import dev.kplay.kernel.syscall.StdStreams;
import dev.kplay.vm.Cpu;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;

import java.util.HashSet;
import java.util.Set;

/*
 * A task running a program of its own in user mode: its mm, its user stack (frames of the
 * program's C code, in the process's own memory), the CPU it runs on (the machine's CPU seen
 * through the user-mode bus), and its standard streams. run() is the return to user mode: the
 * program runs in slices until it ends, makes a syscall that leaves it waiting in the kernel, or
 * uses up the request's instructions. A syscall is a call of the gate native, which the dispatcher
 * answers at once, or parks: then the user stack stays blocked at the call, and the kernel's
 * completion (syscallReturned) or a timer puts the result on it and makes the program ready again.
 */

/** One process's user-mode state. */
final class UserProcess implements UserMode {
    /** How a stretch of user-mode running ended. */
    enum Stop { EXITED, WAITING, PREEMPTED }

    final Task task;
    final Loaded loaded;
    final KernelStack stack;
    final Cpu cpu;
    final StdStreams std;
    final String path;
    /** The standard fds (0-2) the program still has as the shell gave them. */
    final Set<Integer> stdFds = new HashSet<>(Set.of(0, 1, 2));
    /** Signal dispositions set by rt_sigaction (handler address; 0 = SIG_DFL, 1 = SIG_IGN). */
    final long[] handlers = new long[65];
    /** The value a parked syscall completed with, once it has; Long.MIN_VALUE while it waits. */
    long completed = Long.MIN_VALUE;
    /** A timer the process sleeps on (nanosleep in a background job), or null. */
    Object sleepTimer;

    record Loaded(MmStruct mm, long textStart, long textEnd) {}

    UserProcess(Task task, Loaded loaded, KernelStack stack, Cpu cpu, StdStreams std, String path) {
        this.task = task;
        this.loaded = loaded;
        this.stack = stack;
        this.cpu = cpu;
        this.std = std;
        this.path = path;
    }

    @Override
    public MmStruct mm() { return loaded.mm(); }

    @Override
    public void syscallReturned(Task t, long value) {
        completed = value;
    }

    /** Whether a parked syscall has its result and the program can run again. */
    boolean ready() {
        return completed != Long.MIN_VALUE && stack.isBlocked();
    }

    /** Puts the parked syscall's result on the stack (the program continues after its call). */
    void resume() {
        long v = completed;
        completed = Long.MIN_VALUE;
        stack.resume(v);
    }

    /** Runs the program's code for at most budget instructions. */
    Stop run(Exec exec, long budget) {
        long left = budget;
        while (true) {
            if (!task.alive()) {
                return Stop.EXITED;
            }
            exec.enter(this);
            long before = stack.instructions();
            Exit e = cpu.run(stack, Math.max(1, Math.min(Exec.SLICE, left)));
            long ran = stack.instructions() - before;
            left -= ran;
            exec.ran(ran);
            if (!task.alive()) {
                return Stop.EXITED;
            }
            if (e instanceof Exit.OutOfBudget) {
                if (left <= 0) {
                    return Stop.PREEMPTED;
                }
            } else if (e instanceof Exit.Blocked) {
                if (ready()) {
                    resume();
                    continue;
                }
                return Stop.WAITING;
            } else if (e instanceof Exit.Returned r) {
                exec.exitGroup(this, (int) r.value());   // _start returned: exit with its value
                return Stop.EXITED;
            } else {
                exec.userFault(this, e);
                return Stop.EXITED;
            }
        }
    }
}
