package dev.kplay.kernel.sched;

import dev.kplay.kernel.KernelConfig;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.time.Timers;
import dev.kplay.vm.Cpu;
import dev.kplay.vm.Exit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/*
 * The scheduler of one CPU (kernel/sched/core.c), as the oracle's guest has: one run queue, one
 * current task, Debian's PREEMPT_DYNAMIC in its default "voluntary" mode. Tasks are data; this
 * class is the only place module code runs on a task, in slices of the CPU's instruction budget.
 *
 * Voluntary preemption: kernel code is never preempted. A wake-up only sets need_resched, and the
 * woken task gets the CPU when the running one sleeps, reaches a might_sleep() point
 * (cond_resched(), mutex_lock(), flush_work(), kmalloc(GFP_KERNEL)...) with need_resched set, or
 * returns to user space. Interrupts still come: each slice of instructions costs virtual time,
 * and moving time fires the hrtimers, timers and softirqs that fell due (see Timers), in the
 * middle of a busy loop exactly as on the real machine.
 *
 * A syscall runs to completion inside runTask(): while its task sleeps, the other runnable tasks
 * run and time moves on to the next timer, until the task is woken and its call returns. When
 * nothing pending could wake it (or it has waited MAX_WAIT), the call comes back RUNNING and the
 * task stays asleep in S or D; later idle time (advanceTime) may still wake it and finish the
 * call. A syscall that keeps the CPU runs on, budget after budget, for up to RUN_ON of virtual
 * time (its wall time paced like a wait's); a task that is still running then stays on the CPU (R)
 * and goes on when time next passes.
 */

/** One CPU's scheduler. */
public final class Scheduler {
    public static final int HARDIRQ_OFFSET = 0x10000, SOFTIRQ_OFFSET = 0x100, SOFTIRQ_DISABLE_OFFSET = 0x200;
    public static final int TASK_RUNNING = 0, TASK_INTERRUPTIBLE = 1, TASK_UNINTERRUPTIBLE = 2, TASK_WAKEKILL = 0x100,
            TASK_NOLOAD = 0x400, TASK_IDLE = TASK_UNINTERRUPTIBLE | TASK_NOLOAD;
    /** How long a syscall may wait in the kernel for pending timers before it comes back RUNNING. */
    static final long MAX_WAIT = 300_000_000_000L;
    /**
     * How long a syscall that keeps the CPU (a busy loop in init) runs on in one request, budget
     * after budget, before it comes back RUNNING: as on Linux the task is not stopped, so a module
     * doing ~35 s of busy work completes (after its soft-lockup report) within its command.
     */
    static final long RUN_ON = 60_000_000_000L;
    /** Instructions between two looks at the clock (interrupts) while module code runs. */
    static final long SLICE = 20_000;

    /** What the scheduler needs from the rest of the kernel. */
    public interface Host {
        /** die(): the oops report for a task whose code faulted or trapped. */
        void die(Task t, Exit exit);

        /**
         * die() for a fault in interrupt context: {@code interrupted} is the task the interrupt came
         * in on, {@code irq} the interrupt stack with the faulting frames. The kernel cannot go on.
         */
        void dieInInterrupt(Task interrupted, Task irq, Exit exit);

        /** The address of kernel function {@code name} (kallsyms), 0 if unknown. */
        long kernelSymbol(String name);

        /** do_exit() with a wait status. */
        void exit(Task t, int status);

        /** __schedule_bug(): "BUG: scheduling while atomic". */
        void schedulingWhileAtomic(Task t, int preemptCount);

        /** The task became current: current_task and its task_struct follow. */
        void switchedTo(Task t);
    }

    /** How a stretch of running ended. */
    enum Outcome { DONE, BLOCKED, DIED, PREEMPTED }

    private final Cpu cpu;
    private final Timers timers;
    private final KernelConfig config;
    private final Watchdog watchdog;
    /** The task whose module code called do_exit() (kthread_exit()), and what ends it. */
    private Task exiting;
    private Runnable onExit;
    /** Tasks asleep inside a nested module call that nothing could wake (see sleepNested). */
    private final java.util.Set<Task> stuck = new java.util.HashSet<>();
    private Host host;
    /** Runnable tasks waiting for the CPU, in wake-up order. */
    private final ArrayDeque<Task> runQueue = new ArrayDeque<>();
    /** The task on the CPU (the idle task when nothing runs). */
    private Task current;
    private final Task idle;
    /** Where __preempt_count lives (preempt-disable depth, softirq and hardirq nesting; one CPU). */
    private long preemptCountAddr;
    private final AddressSpace mem;
    private boolean irqsDisabled;
    private boolean needResched;
    /** A task still running when its request's budget ran out: it keeps the CPU when time next passes. */
    private Task onCpu;
    private long budgetLeft;
    private long lastValue;

    public Scheduler(Cpu cpu, AddressSpace mem, Timers timers, KernelConfig config, Watchdog watchdog, Task idle) {
        this.cpu = cpu;
        this.mem = mem;
        this.timers = timers;
        this.config = config;
        this.watchdog = watchdog;
        this.idle = idle;
        this.current = idle;
    }

    public void setHost(Host host) {
        this.host = host;
    }

    /** Wall-time pacing of a syscall's waits (a live session's clock); virtual time does not depend on it. */
    private java.util.function.LongConsumer pacer = nanos -> { };

    public void setPacer(java.util.function.LongConsumer pacer) {
        this.pacer = pacer;
    }

    /** Lets wall time follow a wait of {@code nanos} a syscall is about to make (see setPacer). */
    public void pace(long nanos) {
        pacer.accept(nanos);
    }

    /** The task on the CPU: the idle task (swapper/0) when none runs. */
    public Task current() { return current; }

    public Task idleTask() { return idle; }

    /** The per-CPU variable __preempt_count is at addr (module code changes it directly). */
    public void setPreemptCountAddress(long addr) { preemptCountAddr = addr; }

    /** Models preempt_count(). */
    public int preemptCount() {
        return preemptCountAddr == 0 ? 0 : (int) mem.load(preemptCountAddr, 4) & 0x7fffffff;
    }

    /** Sets preempt_count (do_one_initcall() restoring it after an imbalance). */
    public void setPreemptCount(int v) {
        if (preemptCountAddr != 0) {
            mem.store(preemptCountAddr, 4, v);
        }
    }

    /** Models preempt_count_add()/sub(). */
    public void preemptCountAdd(int delta) { setPreemptCount(preemptCount() + delta); }

    public boolean irqsDisabled() { return irqsDisabled; }

    public void setIrqsDisabled(boolean off) { irqsDisabled = off; }

    /** Nanoseconds one instruction costs. */
    long nanosPerInstruction() { return config.nanosPerInstruction(); }

    // ---- running module code ------------------------------------------------------------------

    /**
     * Starts a call of module code fn(args) on t, as kernel code calling a function pointer does;
     * {@code path} lists the kernel functions the call came through (innermost first), and
     * {@code then} turns the return value into the result of the kernel path. Does not run it.
     * Returns false if the call could not even start (the oops is reported, the task dead).
     */
    public boolean call(Task t, long fn, long[] args, List<String> path, LongUnaryOperator then) {
        List<String> saved = new ArrayList<>(t.kernelPath());
        t.kernelPath().clear();
        t.kernelPath().addAll(path);
        t.setContinuation(value -> {
            t.kernelPath().clear();
            t.kernelPath().addAll(saved);
            return then.applyAsLong(value);
        });
        Exit exit = cpu.call(t.stack(), fn, args);
        if (exit != null) {
            Task prev = switchTo(t);
            try {
                fail(t, exit);
            } finally {
                switchTo(prev);
            }
            return false;
        }
        return true;
    }

    /**
     * Runs a syscall's call of module code on t to its end (see the class comment): its result,
     * {@code DIED} if the task died, or {@code RUNNING} if it is still in the kernel.
     */
    public long runTask(Task t, long fn, long[] args, List<String> path, LongUnaryOperator then, long died, long running) {
        if (!call(t, fn, args, path, then)) {
            return died;
        }
        budgetLeft = config.instructionsPerSlice();
        long deadline = timers.clock().now() + MAX_WAIT;
        long runOnUntil = timers.clock().now() + RUN_ON;
        long paced = timers.clock().now();
        Outcome o = runOn(t);
        while (true) {
            switch (o) {
                case DONE -> {
                    long v = lastValue;
                    drain();
                    return v;
                }
                case DIED -> {
                    drain();
                    return died;
                }
                case PREEMPTED -> {
                    long now = timers.clock().now();
                    if (now < runOnUntil && t.alive()) {
                        pacer.accept(now - paced);      // the wall time this stretch of CPU took on the machine
                        paced = now;
                        budgetLeft = config.instructionsPerSlice();
                        o = runOn(t);
                        continue;
                    }
                    onCpu = t;
                    t.setAbandoned(true);
                    return running;
                }
                default -> { }
            }
            Task next = runQueue.poll();
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
            long when = timers.nextEvent();
            if (!timers.moduleWorkPending() || when > deadline) {
                t.setAbandoned(true);
                return running;
            }
            pacer.accept(when - timers.clock().now());
            timers.advanceTo(when);
        }
    }

    /** Whether no task wants the CPU. */
    public boolean idle() {
        return onCpu == null && runQueue.isEmpty();
    }

    /** Lets {@code nanos} of virtual time pass: runnable tasks get the CPU, timers fire on the way. */
    public void advanceTime(long nanos) {
        long target = timers.clock().now() + Math.max(0, nanos);
        budgetLeft = config.instructionsPerSlice();
        while (timers.clock().now() < target) {
            Task next = onCpu != null ? onCpu : runQueue.poll();
            onCpu = null;
            if (next != null && budgetLeft > 0) {
                long room = (target - timers.clock().now()) / Math.max(1, nanosPerInstruction()) + 1;
                long saved = budgetLeft;
                budgetLeft = Math.min(budgetLeft, room);
                Outcome o = runOther(next);
                budgetLeft = saved - (Math.min(saved, room) - budgetLeft);
                if (o == Outcome.PREEMPTED) {
                    onCpu = next;
                    runQueue.remove(next);
                    if (budgetLeft <= 0) {
                        timers.advanceTo(target);
                    }
                }
                continue;
            }
            if (next != null) {
                onCpu = next;
            }
            timers.advanceTo(Math.min(target, timers.nextEvent()));
        }
    }

    /** Runs t for a stretch as one of the other tasks; a finished kernel-thread call lets it go on. */
    private Outcome runOther(Task t) {
        Outcome o = runOn(t);
        if (o == Outcome.DONE && t.abandoned()) {
            // The syscall its program stopped waiting for has returned: the program ends (killed by a
            // pending signal, or as if it exited with the call's success or failure).
            t.setAbandoned(false);
            t.setSyscallResult(lastValue);
            int sig = fatalSignal(t);
            if (t.userMode() != null && (sig == 0 || t.userMode().catches(sig))) {
                t.userMode().syscallReturned(t, lastValue);   // back to the program's own code
                return o;
            }
            host.exit(t, sig != 0 ? sig : lastValue < 0 ? 1 << 8 : 0);
        } else if (o == Outcome.DONE && t.alive() && t.state() == Task.State.RUNNING && !runQueue.contains(t)) {
            runQueue.add(t);
        } else if (o == Outcome.PREEMPTED) {
            runQueue.addFirst(t);
        }
        return o;
    }

    /** Before returning to user space: the tasks woken meanwhile run (schedule() on syscall exit). */
    private void drain() {
        while (!runQueue.isEmpty() && budgetLeft > 0) {
            if (runOther(runQueue.poll()) == Outcome.PREEMPTED) {
                return;
            }
        }
    }

    /** Runs t until its call completes, it sleeps, dies, or the budget runs out. */
    private Outcome runOn(Task t) {
        Task prev = switchTo(t);
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
            watchdog.running(t);
            while (true) {
                long before = t.stack().instructions();
                Exit exit = cpu.run(t.stack(), Math.max(1, Math.min(SLICE, budgetLeft)));
                long ran = t.stack().instructions() - before;
                budgetLeft -= ran;
                t.addRun(ran);
                timers.advance(ran * nanosPerInstruction());
                if (exit instanceof Exit.OutOfBudget) {
                    if (budgetLeft <= 0) {
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
                    lastValue = v;
                    return t.stack().isBlocked() ? Outcome.BLOCKED : Outcome.DONE;
                }
                if (exit instanceof Exit.Blocked) {
                    if (exiting == t) {
                        return endExiting(t);
                    }
                    return Outcome.BLOCKED;
                }
                fail(t, exit);
                return Outcome.DIED;
            }
        } finally {
            watchdog.stopped(t);
            switchTo(prev == t ? idle : prev);
        }
    }

    /**
     * Models do_exit() called from the current task's own module code (kthread_exit()): the native
     * that calls this never returns to that code; once the CPU has left it, {@code then} ends the task.
     */
    public void exitCurrent(Runnable then) {
        Task t = current;
        t.stack().block();
        exiting = t;
        onExit = then;
    }

    private Outcome endExiting(Task t) {
        Runnable then = onExit;
        exiting = null;
        onExit = null;
        t.setContinuation(null);
        t.setWakeValue(null);
        then.run();
        return Outcome.DIED;
    }

    /** An oops in t's code: the report, then the task dies (SIGSEGV after a trap, as oops_end() does). */
    private void fail(Task t, Exit exit) {
        host.die(t, exit);
        host.exit(t, exit instanceof Exit.Trapped ? 11 : 9);
        setPreemptCount(0);
        irqsDisabled = false;
    }

    /**
     * Runs Java kernel code for t inside one of its system calls (a sysfs store or show that calls
     * module code through Kernel.callModule) with t current. If that module code oopses, t dies
     * of it and the result is {@code died}.
     */
    public long inSyscall(Task t, LongSupplier body, long died, long running) {
        Task prev = switchTo(t);
        boolean asleep = false;
        try {
            return body.getAsLong();
        } catch (dev.kplay.vm.NestedExit e) {
            if (e.exit() instanceof Exit.Blocked) {
                asleep = true;          // asleep for good inside the module code (see sleepNested)
                return running;
            }
            fail(t, e.exit());
            return died;
        } finally {
            if (!asleep) {
                t.stack().reset();
            }
            switchTo(prev == t ? idle : prev);
        }
    }

    /** Makes t current; returns the task that was. */
    private Task switchTo(Task t) {
        Task prev = current;
        current = t == null ? idle : t;
        if (prev != current) {
            host.switchedTo(current);
        }
        return prev;
    }

    // ---- sleeping and waking -------------------------------------------------------------------

    /**
     * Models schedule() for the current task in a native: with __state not TASK_RUNNING it sleeps
     * (the native's call returns {@code value} when it is woken); with TASK_RUNNING it only gives
     * the CPU away if need_resched is set. Sleeping in atomic context gets the BUG report first.
     */
    public void schedule(int state, LongSupplier value) {
        Task t = current;
        if (t == null || t == idle) {
            return;
        }
        if (preemptCount() != 0 && !timers.inInterrupt()) {
            host.schedulingWhileAtomic(t, preemptCount() + 1);
            setPreemptCount(0);
        }
        if (timers.inInterrupt()) {
            return;                     // a callback cannot sleep: it has no task of its own
        }
        t.slept();
        if (state == TASK_RUNNING) {
            if (needResched && !runQueue.isEmpty()) {
                giveUpCpu(t, value);
            }
            return;
        }
        t.setSleepState(state);
        t.setState(stateOf(state));
        if (t.taskStruct() != 0) {
            mem.store(t.taskStruct() + TaskStruct.STATE_OFFSET, 4, state & ~TIMER_ONLY);
        }
        t.setSleepStart(timers.clock().now());
        t.setHungObservedAt(-1);
        t.setWakeValue(value);
        t.stack().block();
    }

    /** Models cond_resched(): gives the CPU to a woken task if need_resched is set; 1 if it did. */
    public int condResched() {
        return mightResched(() -> 1) ? 1 : 0;
    }

    /**
     * Models might_resched() at the start of a function that may sleep: with need_resched set the
     * task yields, and the native returns {@code value} when it runs again. True if it yielded.
     */
    public boolean mightResched(LongSupplier value) {
        Task t = current;
        if (!needResched || runQueue.isEmpty() || t == null || t == idle || preemptCount() != 0 || timers.inInterrupt()
                || t.stack().isBlocked()) {
            return false;
        }
        giveUpCpu(t, value);
        return true;
    }

    private void giveUpCpu(Task t, LongSupplier value) {
        needResched = false;
        t.setWakeValue(value);
        t.stack().block();
        runQueue.add(t);
    }

    /** kplay's own sleep-state bit: only the sleep's timer wakes it (msleep(), usleep_range()). */
    public static final int TIMER_ONLY = 0x10000000;

    /**
     * Models schedule_timeout() in {@code state}: sleeps until woken or until timeoutJiffies pass
     * (below 0: no limit); the native then returns after.value(jiffies left, signal pending).
     */
    public void sleepTimeout(int state, long timeoutJiffies, Wait.After after) {
        Task t = current;
        if (t == null || t == idle || timers.inInterrupt()) {
            if (t != null && preemptCount() != 0 && t != idle) {
                host.schedulingWhileAtomic(t, preemptCount() + 1);
            }
            return;
        }
        long expire = timers.clock().jiffies() + timeoutJiffies;
        Object timer = timeoutJiffies < 0 ? null
                : timers.at(timers.clock().jiffyStart(expire), () -> wakeUp(t, state | TIMER_ONLY));
        schedule(state, () -> {
            if (timer != null) {
                timers.cancel(timer);
            }
            long left = timeoutJiffies < 0 ? Long.MAX_VALUE : Math.max(0, expire - timers.clock().jiffies());
            return after.value(left, Wait.signalPendingState(state, t));
        });
    }

    /** Sleeps current for {@code nanos} exactly (hrtimer sleeps: usleep_range()); only the timer wakes it. */
    public void sleepNanos(int state, long nanos) {
        Task t = current;
        if (t == null || t == idle || timers.inInterrupt()) {
            return;
        }
        Object timer = timers.at(timers.clock().now() + nanos, () -> wakeUp(t, TIMER_ONLY));
        schedule(state | TIMER_ONLY, () -> {
            timers.cancel(timer);
            return 0;
        });
    }

    /** The ps state letter a sleep in {@code state} shows. */
    public static Task.State stateOf(int state) {
        if ((state & TASK_NOLOAD) != 0 && (state & TASK_UNINTERRUPTIBLE) != 0) {
            return Task.State.IDLE;
        }
        return (state & TASK_UNINTERRUPTIBLE) != 0 ? Task.State.DISK_SLEEP
                : (state & TASK_INTERRUPTIBLE) != 0 ? Task.State.SLEEPING : Task.State.RUNNING;
    }

    /**
     * Models try_to_wake_up(): a task asleep in one of the {@code states} becomes runnable; its
     * blocked native returns what it was told to. Returns 1 if it woke the task, 0 if it was not asleep.
     */
    public int wakeUp(Task t, int states) {
        if (t == null || !t.alive() || stuck.contains(t)) {
            return 0;
        }
        if (t == current && !t.stack().isBlocked()) {
            // Between set_current_state() and schedule(): the task stays running, schedule() will not sleep.
            if ((t.sleepState() & states & ~TIMER_ONLY) == 0) {
                return 0;
            }
            t.setSleepState(0);
            t.setState(Task.State.RUNNING);
            if (t.taskStruct() != 0) {
                mem.store(t.taskStruct() + TaskStruct.STATE_OFFSET, 4, 0);
            }
            return 1;
        }
        if (t.state() == Task.State.RUNNING || runQueue.contains(t)) {
            return 0;
        }
        if ((t.sleepState() & TIMER_ONLY) != 0 && (states & TIMER_ONLY) == 0) {
            return 0;
        }
        boolean blocked = t.stack().isBlocked() || (t.stack().depth() == 0 && t.body() != null);
        if (!blocked || (t.sleepState() & states) == 0) {
            return 0;
        }
        t.setState(Task.State.RUNNING);
        t.setSleepState(0);
        runQueue.add(t);
        needResched = true;
        return 1;
    }

    /**
     * Module code called from inside a native (a probe from platform_device_register(), a parameter's
     * set op, a slab constructor: Kernel.callModule) went to sleep on t's stack: the other tasks run
     * and time moves on, as while a syscall sleeps, until t is woken; then t is current again with its
     * blocked native's value handed to its stack. False if nothing pending could wake t within
     * MAX_WAIT: t then stays asleep for good (the native that called the module cannot go on later).
     */
    public boolean sleepNested(Task t) {
        long deadline = timers.clock().now() + MAX_WAIT;
        while (true) {
            if (runQueue.remove(t) || onCpu == t) {
                if (onCpu == t) {
                    onCpu = null;
                }
                switchTo(t);
                t.setState(Task.State.RUNNING);
                LongSupplier v = t.wakeValue();
                t.setWakeValue(null);
                t.stack().resume(v == null ? 0 : v.getAsLong());
                return true;
            }
            if (budgetLeft <= 0) {
                budgetLeft = config.instructionsPerSlice();
            }
            Task next = runQueue.poll();
            if (next != null && timers.clock().now() < deadline) {
                runOther(next);
                switchTo(t);
                continue;
            }
            if (next != null) {
                runQueue.addFirst(next);
            }
            long when = timers.nextEvent();
            if (!timers.moduleWorkPending() || when > deadline) {
                stuck.add(t);
                return false;
            }
            pacer.accept(when - timers.clock().now());
            timers.advanceTo(when);
            switchTo(t);
        }
    }

    /** Models wake_up_process(). */
    public int wakeUpProcess(Task t) {
        return wakeUp(t, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
    }

    /** Puts a kernel thread with nothing to do to sleep in {@code state} (its body runs again when woken). */
    public void sleepIdle(Task t, int state) {
        t.setSleepState(state);
        t.setState(stateOf(state));
        t.setSleepStart(timers.clock().now());
    }

    /**
     * A signal for t (kill(2)): a task asleep in TASK_INTERRUPTIBLE wakes, and so does one in
     * TASK_KILLABLE for SIGKILL; its wait then sees signal_pending() and returns -ERESTARTSYS.
     */
    public void signalWake(Task t, int sig) {
        t.addSignal(sig);
        boolean fatal = sig == 9 || (killsByDefault(sig) && (t.userMode() == null || !t.userMode().catches(sig)));
        if (fatal && sig != 9 && t.groupExitSignal() == 0) {
            // complete_signal(): a signal that will kill the process starts the group exit at once,
            // SIGKILL for every thread, so killable sleeps wake too (fatal_signal_pending())
            t.setGroupExitSignal(sig);
            t.addSignal(9);
        }
        wakeUp(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0));
    }

    /** sig_kernel_... defaults: whether a signal's default action ends the process (not ignore, stop or continue). */
    static boolean killsByDefault(int sig) {
        return sig >= 1 && sig <= 31 && sig != 17 && sig != 18 && sig != 19 && sig != 20 && sig != 21
                && sig != 22 && sig != 23 && sig != 28;
    }

    /** kill(2) of a task in the kernel: it may wake (see signalWake); what became runnable runs now. */
    public void signal(Task t, int sig) {
        signalWake(t, sig);
        if (current == idle) {
            budgetLeft = config.instructionsPerSlice();
            drain();
        }
    }

    /** Signals whose default action ends the process (SIGHUP, SIGINT, SIGKILL, SIGTERM). */
    private static int fatalSignal(Task t) {
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

    /** Forgets a task that died. */
    public void remove(Task t) {
        runQueue.remove(t);
        if (onCpu == t) {
            onCpu = null;
        }
    }

    /**
     * A fault in interrupt-context kernel code outside module code: at {@code function}+{@code offset},
     * reached through {@code path} (innermost first) on the interrupt stack {@code on}.
     */
    public void faultInInterrupt(Task on, String function, int offset, dev.kplay.vm.PageFault fault, List<String> path,
                                 int preemptOffset) {
        preemptCountAdd(preemptOffset);
        try {
            on.kernelPath().clear();
            on.kernelPath().addAll(path);
            host.dieInInterrupt(current, on, new Exit.Faulted(fault, host.kernelSymbol(function) + offset, function));
        } finally {
            on.kernelPath().clear();
            preemptCountAdd(-preemptOffset);
        }
    }

    /** Runs fn(args) in interrupt context (timer softirq, hardirq) on the idle task's stack; returns its value. */
    public long runInterrupt(Task on, long fn, long[] args, List<String> path, int offset) {
        preemptCountAdd(offset);
        Task prev = current;
        try {
            if (!call(on, fn, args, path, v -> v)) {
                return 0;
            }
            long saved = budgetLeft;
            budgetLeft = Math.max(budgetLeft, SLICE * 50);
            Task was = current;
            current = prev;
            try {
                while (true) {
                    long before = on.stack().instructions();
                    Exit exit = cpu.run(on.stack(), SLICE * 50);
                    timers.clock().advance((on.stack().instructions() - before) * nanosPerInstruction());
                    if (exit instanceof Exit.Returned r) {
                        on.setContinuation(null);
                        on.kernelPath().clear();
                        return r.value();
                    }
                    if (exit instanceof Exit.OutOfBudget) {
                        continue;
                    }
                    if (exit instanceof Exit.Blocked) {
                        on.stack().resume(0);
                        continue;
                    }
                    host.dieInInterrupt(prev, on, exit);
                    on.stack().reset();
                    on.kernelPath().clear();
                    return 0;
                }
            } finally {
                current = was;
                budgetLeft = saved;
            }
        } finally {
            preemptCountAdd(-offset);
            current = prev;
        }
    }
}
