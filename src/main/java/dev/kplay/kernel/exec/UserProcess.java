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
    /** A poll(2) asleep in the kernel: its result once a wake_up ended it, else Select.WAITING; or null. */
    java.util.function.LongSupplier pendingPoll;
    /** The read of the terminal the process sleeps in (see UserSyscalls.typed), or null. */
    Object ttyRead;
    /** A timer the process sleeps on (nanosleep in a background job), or null. */
    Object sleepTimer;
    /** Signals whose handler is to run before the program's own code goes on (handle_signal()). */
    final java.util.ArrayDeque<Integer> pendingHandlers = new java.util.ArrayDeque<>();
    /** The stack floors saved under each handler frame that is running (innermost last). */
    private final java.util.ArrayDeque<Integer> handlerFloors = new java.util.ArrayDeque<>();
    /** The program was still computing when its instructions ran out: it is runnable (R) and goes on as time passes. */
    boolean preempted;

    record Loaded(MmStruct mm, long textStart, long textEnd) {}

    private final Exec exec;

    UserProcess(Exec exec, Task task, Loaded loaded, KernelStack stack, Cpu cpu, StdStreams std, String path) {
        this.exec = exec;
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
        for (int sig = 1; sig < 64; sig++) {
            if ((t.pendingSignals() & (1L << sig)) != 0 && catches(sig)) {
                pendingHandlers.add(sig);
            }
        }
        t.clearSignals();
        completed = value == -512 ? -4 : value;      // -ERESTARTSYS: the handler runs, the call fails with EINTR
    }

    @Override
    public boolean catches(int sig) {
        return sig > 0 && sig < handlers.length && sig != 9 && sig != 19 && handlers[sig] > 1;
    }

    /** Signals whose default action is to do nothing (SIGCHLD, SIGCONT, SIGURG, SIGWINCH). */
    static boolean ignoredByDefault(int sig) {
        return sig == 17 || sig == 18 || sig == 23 || sig == 28;
    }

    @Override
    public boolean signal(Task t, int sig) {
        if (!t.alive() || t.stack().depth() > 0 || sig < 0 || sig >= handlers.length) {
            return false;             // inside a kernel call: its wait decides (Scheduler.signal)
        }
        if (sig == 0) {
            return true;
        }
        long h = sig == 9 || sig == 19 ? 0 : handlers[sig];
        if (h == 1 || h == 0 && ignoredByDefault(sig)) {
            return true;
        }
        if (h == 0) {
            exec.killed(this, sig);
            return true;
        }
        pendingHandlers.add(sig);
        if (parkedInUserWait()) {
            if (sleepTimer != null) {
                exec.cancelTimer(sleepTimer);
                sleepTimer = null;
            }
            completed = -4;           // the wait ends with EINTR once the handler has run
        }
        return true;
    }

    /** Whether a parked syscall has its result and the program can run again. */
    boolean ready() {
        return completed != Long.MIN_VALUE && stack.isBlocked();
    }

    /** Puts the parked syscall's result on the stack (the program continues after its call). */
    void resume() {
        long v = completed;
        completed = Long.MIN_VALUE;
        ttyRead = null;
        if (task.alive() && task.stack().depth() == 0) {
            task.setState(Task.State.RUNNING);
        }
        stack.resume(v);
    }

    /**
     * Models handle_signal(): the handler of each pending signal runs as a frame above the
     * interrupted code, on its own floor, so its return comes back here and the program then goes
     * on where it was. False if a handler could not even start (the process died of that).
     */
    private boolean deliverHandlers(Exec exec) {
        while (!pendingHandlers.isEmpty() && !stack.isBlocked()) {
            int sig = pendingHandlers.poll();
            handlerFloors.push(stack.enterNested());
            Exit e = cpu.call(stack, handlers[sig], new long[] {sig});
            if (e != null) {
                exec.userFault(this, e);
                return false;
            }
        }
        return true;
    }

    /** Whether the user stack is parked in a wait of kplay's own (nanosleep, pause, poll), not in the kernel. */
    boolean parkedInUserWait() {
        return stack.isBlocked() && completed == Long.MIN_VALUE && task.stack().depth() == 0;
    }

    /**
     * Runs the program's code for at most budget instructions, each moving the clock; it also
     * stops (PREEMPTED) between two slices when a kernel task woke while it filled passing time.
     */
    Stop run(Exec exec, long budget) {
        long left = budget;
        long jiffies = exec.jiffies();
        while (true) {
            if (!task.alive()) {
                return Stop.EXITED;
            }
            exec.enter(this);
            if (!deliverHandlers(exec)) {
                return Stop.EXITED;
            }
            long before = stack.instructions();
            Exit e = cpu.run(stack, Math.max(1, Math.min(Exec.SLICE, left)));
            long ran = stack.instructions() - before;
            left -= ran;
            exec.ran(task, ran);
            task.addUserRun(ran);
            if (left > 0 && !exec.filling() && task.alive()) {
                exec.kernelPreempts(this);                // a woken kernel task runs first
                if (exec.jiffies() != jiffies && task.alive()) {
                    exec.tick(this);                      // other runnable programs take their turn
                    jiffies = exec.jiffies();
                }
            }
            if (!task.alive()) {
                return Stop.EXITED;
            }
            if (e instanceof Exit.OutOfBudget) {
                if (left <= 0 || exec.kernelWoke()) {
                    return Stop.PREEMPTED;
                }
            } else if (e instanceof Exit.Blocked) {
                if (ready()) {
                    resume();
                    continue;
                }
                return Stop.WAITING;
            } else if (e instanceof Exit.Returned r && !handlerFloors.isEmpty()) {
                stack.leaveNested(handlerFloors.pop());   // a handler returned (sigreturn): back to the program
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
