package dev.kplay.kernel.sched;

import static dev.kplay.kernel.sched.Scheduler.TASK_INTERRUPTIBLE;
import static dev.kplay.kernel.sched.Scheduler.TASK_WAKEKILL;

/*
 * What a signal does to a task asleep in the kernel (kernel/signal.c): signal_wake_up() wakes an
 * interruptible sleep, and a killable one for a fatal signal (complete_signal() starts the group
 * exit); the default actions decide which signals end the process. Split from Scheduler
 * (kernel/sched/core.c) as the kernel keeps signal delivery apart from the scheduler.
 */

/** Signal wake-ups of sleeping tasks. */
final class SignalWake {
    private final Scheduler sched;

    SignalWake(Scheduler sched) {
        this.sched = sched;
    }

    /**
     * A signal for t (kill(2)): a task asleep in TASK_INTERRUPTIBLE wakes, and so does one in
     * TASK_KILLABLE for SIGKILL; its wait then sees signal_pending() and returns -ERESTARTSYS.
     */
    void signalWake(Task t, int sig) {
        t.addSignal(sig);
        boolean fatal = sig == 9 || (killsByDefault(sig) && (t.userMode() == null || !t.userMode().catches(sig)));
        if (fatal && sig != 9 && t.groupExitSignal() == 0) {
            // complete_signal(): a signal that will kill the process starts the group exit at once,
            // SIGKILL for every thread, so killable sleeps wake too (fatal_signal_pending())
            t.setGroupExitSignal(sig);
            t.addSignal(9);
        }
        sched.wakeUp(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0));
    }

    /** sig_kernel_... defaults: whether a signal's default action ends the process (not ignore, stop or continue). */
    static boolean killsByDefault(int sig) {
        return sig >= 1 && sig <= 31 && sig != 17 && sig != 18 && sig != 19 && sig != 20 && sig != 21
                && sig != 22 && sig != 23 && sig != 28;
    }

    /** kill(2) of a task in the kernel: it may wake (see signalWake); what became runnable runs now. */
    void signal(Task t, int sig) {
        signalWake(t, sig);
        if (sched.current == sched.idle) {
            sched.budgetLeft = sched.config.instructionsPerSlice();
            sched.runner.drain();
        }
    }

    /** Signals whose default action ends the process (SIGHUP, SIGINT, SIGKILL, SIGTERM). */
    static int fatalSignal(Task t) {
        if (t.groupExitSignal() != 0) {
            return t.groupExitSignal();
        }
        for (int sig : new int[] {9, 2, 15, 1}) {
            if ((t.pendingSignals() & (1L << sig)) != 0) {
                return sig;
            }
        }
        return 0;
    }
}
