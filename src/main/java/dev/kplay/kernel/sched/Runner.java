package dev.kplay.kernel.sched;

import dev.kplay.vm.Exit;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import static dev.kplay.kernel.sched.Scheduler.MAX_WAIT;
import static dev.kplay.kernel.sched.Scheduler.RUN_ON;
import static dev.kplay.kernel.sched.Scheduler.SLICE;

/*
 * Running module code on a task, in budgets of the VM's instructions (the run-on/budget half of
 * kernel/sched/core.c's __schedule() loop): a syscall's call runs to its end while the other tasks
 * and the timers take their turns (runTask), idle time lets runnable tasks have the CPU
 * (advanceTime), and module code asleep inside a nested call waits for its wake-up (sleepNested).
 *
 * Linux has no counterpart for the budget itself: it is how a request of the web page gets a bounded
 * share of the host CPU. Split from Scheduler so that file keeps core.c's schedule()/try_to_wake_up()
 * and the state they share; this class reaches that state through the scheduler it belongs to.
 */

/** The loop that gives the CPU to tasks, budget after budget. */
final class Runner {
    /** How a stretch of running ended. */
    enum Outcome { DONE, BLOCKED, DIED, PREEMPTED }

    private final Scheduler sched;

    Runner(Scheduler sched) {
        this.sched = sched;
    }

    /**
     * Runs a syscall's call of module code on t to its end (see the class comment): its result,
     * {@code DIED} if the task died, or {@code RUNNING} if it is still in the kernel.
     */
    long runTask(Task t, long fn, long[] args, List<String> path, LongUnaryOperator then, long died, long running) {
        if (!sched.call(t, fn, args, path, then)) {
            return died;
        }
        sched.budgetLeft = sched.config.instructionsPerSlice();
        long deadline = sched.timers.clock().now() + MAX_WAIT;
        long runOnUntil = sched.timers.clock().now() + RUN_ON;
        long paced = sched.timers.clock().now();
        long pacedTo = paced;
        Outcome o = runOn(t);
        while (true) {
            switch (o) {
                case DONE -> {
                    long v = sched.lastValue;
                    drain();
                    return v;
                }
                case DIED -> {
                    drain();
                    return died;
                }
                case PREEMPTED -> {
                    long now = sched.timers.clock().now();
                    if (now < runOnUntil && t.alive()) {
                        sched.pacer.accept(now - paced);      // the wall time this stretch of CPU took on the machine
                        paced = now;
                        sched.budgetLeft = sched.config.instructionsPerSlice();
                        o = runOn(t);
                        continue;
                    }
                    sched.onCpu = t;
                    t.setAbandoned(true);
                    return running;
                }
                default -> { }
            }
            Task next = sched.runQueue.poll();
            if (next == t) {
                o = runOn(t);
                continue;
            }
            if (next != null) {
                if (runOther(next) == Outcome.PREEMPTED) {
                    t.setAbandoned(true);
                    return running;
                }
                continue;
            }
            long when = sched.timers.nextEvent();
            if (!sched.timers.moduleWorkPending() || when > deadline) {
                t.setAbandoned(true);
                return running;
            }
            if (when > pacedTo) {                    // a program using the wait may stop short: no stretch paced twice
                sched.pacer.accept(when - Math.max(pacedTo, sched.timers.clock().now()));
                pacedTo = when;
            }
            sched.idleUntil(when);
        }
    }

    /** Lets {@code nanos} of virtual time pass: runnable tasks get the CPU, timers fire on the way. */
    void advanceTime(long nanos) {
        long target = sched.timers.clock().now() + Math.max(0, nanos);
        sched.budgetLeft = sched.config.instructionsPerSlice();
        while (sched.timers.clock().now() < target && !sched.timers.halted()) {
            Task next = sched.onCpu != null ? sched.onCpu : sched.runQueue.poll();
            sched.onCpu = null;
            if (next != null && sched.budgetLeft > 0) {
                long room = (target - sched.timers.clock().now()) / Math.max(1, sched.nanosPerInstruction()) + 1;
                long saved = sched.budgetLeft;
                sched.budgetLeft = Math.min(sched.budgetLeft, room);
                Outcome o = runOther(next);
                sched.budgetLeft = saved - (Math.min(saved, room) - sched.budgetLeft);
                if (o == Outcome.PREEMPTED) {
                    sched.onCpu = next;
                    sched.runQueue.remove(next);
                    if (sched.budgetLeft <= 0) {
                        sched.timers.advanceTo(target);
                    }
                }
                continue;
            }
            if (next != null) {
                sched.onCpu = next;
                sched.timers.advanceTo(Math.min(target, sched.timers.nextEvent()));
            } else {
                sched.idleUntil(target);
            }
        }
    }

    /** Runs t for a stretch as one of the other tasks; a finished kernel-thread call lets it go on. */
    private Outcome runOther(Task t) {
        Outcome o = runOn(t);
        if (o == Outcome.DONE && t.abandoned()) {
            // The syscall its program stopped waiting for has returned: the program ends (killed by a
            // pending signal, or as if it exited with the call's success or failure).
            t.setAbandoned(false);
            t.setSyscallResult(sched.lastValue);
            int sig = SignalWake.fatalSignal(t);
            if (t.userMode() != null && (sig == 0 || t.userMode().catches(sig))) {
                t.userMode().syscallReturned(t, sched.lastValue);   // back to the program's own code
                return o;
            }
            sched.host.exit(t, sig != 0 ? sig : sched.lastValue < 0 ? 1 << 8 : 0);
        } else if (o == Outcome.DONE && t.alive() && t.state() == Task.State.RUNNING && !sched.runQueue.contains(t)) {
            t.queued(sched.timers.clock().now());
            sched.runQueue.add(t);
        } else if (o == Outcome.PREEMPTED) {
            t.queued(sched.timers.clock().now());
            sched.runQueue.addFirst(t);
        }
        return o;
    }

    /** Before returning to user space: the tasks woken meanwhile run (schedule() on syscall exit). */
    void drain() {
        while (!sched.runQueue.isEmpty() && sched.budgetLeft > 0) {
            if (runOther(sched.runQueue.poll()) == Outcome.PREEMPTED) {
                return;
            }
        }
    }

    /** Runs t until its call completes, it sleeps, dies, or the budget runs out. */
    private Outcome runOn(Task t) {
        Task prev = sched.switchTo(t);
        t.arrived(sched.timers.clock().now());
        try {
            t.setState(Task.State.RUNNING);
            if (t.stack().isBlocked()) {
                LongSupplier v = t.wakeValue();
                t.setWakeValue(null);
                t.stack().resume(v == null ? 0 : v.getAsLong());
            }
            if (t.stack().depth() == 0) {
                if (t.body() == null) {
                    return Outcome.BLOCKED;
                }
                t.body().run(t);
                if (t.stack().depth() == 0 || t.stack().isBlocked()) {
                    return t.alive() ? Outcome.BLOCKED : Outcome.DIED;
                }
            }
            sched.watchdog.running(t);
            while (true) {
                long before = t.stack().instructions();
                Exit exit = sched.cpu.run(t.stack(), Math.max(1, Math.min(SLICE, sched.budgetLeft)));
                long ran = t.stack().instructions() - before;
                sched.budgetLeft -= ran;
                t.addRun(ran);
                t.addExecRuntime(ran * sched.nanosPerInstruction());
                sched.timers.advance(ran * sched.nanosPerInstruction());
                if (exit instanceof Exit.OutOfBudget) {
                    if (sched.budgetLeft <= 0) {
                        return Outcome.PREEMPTED;
                    }
                    continue;
                }
                if (exit instanceof Exit.Returned r) {
                    LongUnaryOperator then = t.continuation();
                    t.setContinuation(null);
                    long v = then == null ? r.value() : then.applyAsLong(r.value());
                    if (!t.alive()) {
                        return Outcome.DIED;
                    }
                    if (t.stack().depth() > 0 && !t.stack().isBlocked()) {
                        continue;
                    }
                    sched.lastValue = v;
                    return t.stack().isBlocked() ? Outcome.BLOCKED : Outcome.DONE;
                }
                if (exit instanceof Exit.Blocked) {
                    if (sched.exiting == t) {
                        return endExiting(t);
                    }
                    return Outcome.BLOCKED;
                }
                sched.fail(t, exit);
                return Outcome.DIED;
            }
        } finally {
            sched.watchdog.stopped(t);
            sched.switchTo(prev == t ? sched.idle : prev);
        }
    }

    private Outcome endExiting(Task t) {
        Runnable then = sched.onExit;
        sched.exiting = null;
        sched.onExit = null;
        t.setContinuation(null);
        t.setWakeValue(null);
        then.run();
        return Outcome.DIED;
    }

    /**
     * Module code called from inside a native (a probe from platform_device_register(), a parameter's
     * set op, a slab constructor: Kernel.callModule) went to sleep on t's stack: the other tasks run
     * and time moves on, as while a syscall sleeps, until t is woken; then t is current again with its
     * blocked native's value handed to its stack. False if nothing pending could wake t within
     * MAX_WAIT: t then stays asleep for good (the native that called the module cannot go on later).
     */
    boolean sleepNested(Task t) {
        long deadline = sched.timers.clock().now() + MAX_WAIT;
        long pacedTo = sched.timers.clock().now();
        while (true) {
            if (sched.runQueue.remove(t) || sched.onCpu == t) {
                if (sched.onCpu == t) {
                    sched.onCpu = null;
                }
                sched.switchTo(t);
                t.setState(Task.State.RUNNING);
                LongSupplier v = t.wakeValue();
                t.setWakeValue(null);
                t.stack().resume(v == null ? 0 : v.getAsLong());
                return true;
            }
            if (sched.budgetLeft <= 0) {
                sched.budgetLeft = sched.config.instructionsPerSlice();
            }
            Task next = sched.runQueue.poll();
            if (next != null && sched.timers.clock().now() < deadline) {
                runOther(next);
                sched.switchTo(t);
                continue;
            }
            if (next != null) {
                next.queued(sched.timers.clock().now());
                sched.runQueue.addFirst(next);
            }
            long when = sched.timers.nextEvent();
            if (!sched.timers.moduleWorkPending() || when > deadline) {
                sched.stuck.add(t);
                return false;
            }
            if (when > pacedTo) {
                sched.pacer.accept(when - Math.max(pacedTo, sched.timers.clock().now()));
                pacedTo = when;
            }
            sched.idleUntil(when);
            sched.switchTo(t);
        }
    }
}
