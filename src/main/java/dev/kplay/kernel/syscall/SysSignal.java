package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.TaskExit;
import dev.kplay.kernel.sched.Task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * kill(2) and job control, as kernel/signal.c holds them: a signal goes to a user program's
 * disposition, wakes a task asleep in the kernel, stops or continues a task (do_signal_stop()),
 * or ends it. SyscallTable hands these calls here so that it stays a table.
 */

/** The signal syscalls (kernel/signal.c) behind {@link SyscallTable}. */
final class SysSignal {
    static final int SIGCONT = 18, SIGSTOP = 19;
    /** The frames of a task stopped by a signal on its way back to user space (do_signal_stop()). */
    static final List<String> SIGNAL_STOP_PATH = List.of("do_signal_stop+0x17d/0x1f0", "get_signal+0x24d/0x990",
            "arch_do_signal_or_restart+0x3e/0x830", "exit_to_user_mode_prepare+0x1b2/0x240",
            "syscall_exit_to_user_mode+0x17/0x40", "do_syscall_64+0x69/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    private final Kernel k;
    private final PipeWait pipes;

    /** What a stopped task was doing before SIGSTOP: its state and frames, restored by SIGCONT. */
    private record Stopped(Task.State state, int sleepState, List<String> frames) {}

    private final Map<Integer, Stopped> stoppedTasks = new HashMap<>();

    SysSignal(Kernel k, PipeWait pipes) {
        this.k = k;
        this.pipes = pipes;
    }

    /** Models kill(2) → send_signal(): 0 or -ESRCH. */
    long kill(int pid, int sig) {
        Task t = k.task(pid);
        if (t == null || !t.alive()) {
            return -Errno.ESRCH;
        }
        if (t.state() == Task.State.DEAD) {
            return 0;          // left dead by a recursive fault: nothing is there to receive a signal
        }
        if (t.userMode() != null && t.userMode().signal(t, sig)) {
            return 0;          // a user program's disposition: ignored, its handler, or its default action
        }
        if (sig == 0 || t.isKthread()) {
            return 0;          // kernel threads ignore signals
        }
        if (isStopSignal(sig) || sig == SIGCONT) {
            if (t.stack().depth() == 0) {
                jobControl(t, sig);
            }
            return 0;
        }
        if (t.stack().depth() > 0) {
            // In the kernel: an interruptible sleep (or a killable one, for SIGKILL) ends with -ERESTARTSYS
            // and the task dies on its way out; D sleeps and running kernel code see it only when they return.
            k.scheduler().signal(t, sig);
            return 0;
        }
        if (sig == 9 || sig == 15 || sig == 2 || sig == 1) {
            pipes.abandon(pid);      // fifo_open()/pipe_read() return -ERESTARTSYS; the task dies on its way out
            k.doExit(t, sig, TaskExit.EXIT_ON_SIGNAL);
        }
        return 0;
    }

    /** SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: the signals whose default action stops the task (sig_kernel_stop()). */
    static boolean isStopSignal(int sig) {
        return sig == SIGSTOP || sig == 20 || sig == 21 || sig == 22;
    }

    /**
     * Models the default actions of the stop signals and SIGCONT for a task outside module code: a
     * stop signal ends its sleep (a nanosleep is restarted later with the same end, as its
     * restart_block does) and it stops in do_signal_stop() (T); SIGCONT wakes it and it goes back
     * to what it was doing.
     */
    private void jobControl(Task t, int sig) {
        if (sig == SIGCONT) {
            Stopped was = stoppedTasks.remove(t.pid());
            if (was != null) {
                t.setStopSignal(0);         // the stop is over: exit_code is 0 again
                t.setState(was.state());
                t.setSleepState(was.sleepState());
                t.setSleepFrames(was.frames());
            }
        } else if (t.state() != Task.State.STOPPED) {
            stoppedTasks.put(t.pid(), new Stopped(t.state(), t.sleepState(), t.sleepFrames()));
            t.countVoluntarySwitch();       // do_signal_stop()'s schedule(), counted as it switches out
            t.setState(Task.State.STOPPED);
            t.setStopSignal(sig);
            t.setSleepState(0);
            t.setSleepFrames(SIGNAL_STOP_PATH);
        }
    }

    /** Whether task {@code pid} is stopped by a signal (job control). */
    boolean stopped(int pid) {
        Task t = k.task(pid);
        return t != null && t.alive() && t.state() == Task.State.STOPPED;
    }
}
