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
 *
 * User programs computing in user mode are the fair class's other tasks: whenever no kernel task
 * wants the CPU (time passing idle, a syscall waiting for its timer), idleUntil() hands the time
 * to them (UserTime, kept by kernel/exec with its CFS rules), and a kernel task that wakes
 * meanwhile preempts them. Kernel code is still never preempted by them (voluntary preemption).
 *
 * This file keeps what kernel/sched/core.c has: the state one CPU's run queue shares (struct rq,
 * current, need_resched, preempt_count), schedule(), try_to_wake_up() and cond_resched(). The rest
 * follows the kernel's own file lines: the budget loop that runs module code (Runner), the timed
 * sleeps of kernel/time (ScheduleTimeout), signal wake-ups of kernel/signal.c (SignalWake) and
 * interrupt context of kernel/softirq.c (InterruptContext). Their fields here are package-private
 * for them; the public methods below stay the one entry point the rest of the kernel calls.
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

    /**
     * Programs runnable in user mode (kernel/exec keeps them): they get the CPU whenever no kernel
     * task wants it, CFS-style (see Exec's class comment).
     */
    public interface UserTime {
        /** Whether a program is runnable in user mode. */
        boolean runnable();

        /**
         * The CPU is free until {@code until} (virtual ns): the runnable programs run, moving the
         * clock, until then or until a kernel task wakes. False if none could run an instruction.
         */
        boolean run(long until);
    }

    /** The user-mode side of the run queue; none until kernel/exec is up. */
    UserTime user = new UserTime() {
        @Override public boolean runnable() { return false; }

        @Override public boolean run(long until) { return false; }
    };

    public void setUserTime(UserTime u) {
        this.user = u;
    }

    /**
     * Kernel tasks woke while a program ran in user mode (a kworker its timer queued work for): at
     * the interrupt's return to user mode they get the CPU first, each until it sleeps or has had
     * {@code instructions} (kplay's bound: a kthread that never sleeps would keep the CPU on Linux).
     * True if one ran.
     */
    public boolean runWoken(long instructions) {
        if (runQueue.isEmpty() || timers.inInterrupt() || onCpu != null) {
            return false;
        }
        long saved = budgetLeft;
        budgetLeft = instructions;
        try {
            runner.drain();
        } finally {
            budgetLeft = saved;
        }
        return true;
    }

    /**
     * No kernel task wants the CPU until {@code until}: the runnable programs use the time (until
     * then, or until a kernel task wakes), or, with none, time moves to the next event. The caller
     * looks at the run queue again and calls again while {@code until} is ahead.
     */
    void idleUntil(long until) {
        if (!user.run(until)) {
            timers.advanceTo(Math.min(until, timers.nextEvent()));
        }
    }

    final Cpu cpu;
    final Timers timers;
    final KernelConfig config;
    final Watchdog watchdog;
    /** The task whose module code called do_exit() (kthread_exit()), and what ends it. */
    Task exiting;
    Runnable onExit;
    /** Tasks asleep inside a nested module call that nothing could wake (see sleepNested). */
    final java.util.Set<Task> stuck = new java.util.HashSet<>();
    Host host;
    /** Runnable tasks waiting for the CPU, in wake-up order. */
    final ArrayDeque<Task> runQueue = new ArrayDeque<>();
    /** The task on the CPU (the idle task when nothing runs). */
    Task current;
    final Task idle;
    /** Where __preempt_count lives (preempt-disable depth, softirq and hardirq nesting; one CPU). */
    long preemptCountAddr;
    final AddressSpace mem;
    boolean irqsDisabled;
    boolean needResched;
    /** A task still running when its request's budget ran out: it keeps the CPU when time next passes. */
    Task onCpu;
    long budgetLeft;
    long lastValue;

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
    java.util.function.LongConsumer pacer = nanos -> { };

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

    /** Whether no task wants the CPU. */
    public boolean idle() {
        return onCpu == null && runQueue.isEmpty();
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

    /** An oops in t's code: the report, then the task dies (SIGSEGV after a trap, as oops_end() does). */
    void fail(Task t, Exit exit) {
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
    Task switchTo(Task t) {
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

    /** Models cond_resched(): gives the CPU to a woken task (or the watchdog's stopper) if need_resched is set; 1 if it did. */
    public int condResched() {
        boolean stopper = stopperRuns();
        return yieldToWoken(() -> 1) || stopper ? 1 : 0;
    }

    /**
     * The soft-lockup watchdog's stopper work is queued (its wake-up set need_resched): at a
     * rescheduling point of a task that may schedule, migration/0 runs softlockup_fn() and gives the
     * CPU back, an involuntary switch of the task (preempt_schedule_common()). True if it ran.
     */
    private boolean stopperRuns() {
        Task t = current;
        if (t == null || t == idle || !watchdog.stopperQueued() || preemptCount() != 0 || timers.inInterrupt()
                || t.stack().isBlocked()) {
            return false;
        }
        watchdog.softlockupFn();
        t.countInvoluntarySwitch();
        return true;
    }

    /**
     * Models might_resched() at the start of a function that may sleep: with need_resched set the
     * task yields, and the native returns {@code value} when it runs again. True if it yielded.
     */
    public boolean mightResched(LongSupplier value) {
        stopperRuns();
        return yieldToWoken(value);
    }

    /** __cond_resched()'s switch to a woken task: with need_resched set the task yields; true if it did. */
    private boolean yieldToWoken(LongSupplier value) {
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
        t.queued(timers.clock().now());
        runQueue.add(t);
    }

    /** kplay's own sleep-state bit: only the sleep's timer wakes it (msleep(), usleep_range()). */
    public static final int TIMER_ONLY = 0x10000000;

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
        t.queued(timers.clock().now());
        runQueue.add(t);
        needResched = true;
        return 1;
    }

    /** Models wake_up_process(). */
    public int wakeUpProcess(Task t) {
        return wakeUp(t, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
    }

    /** Forgets a task that died. */
    public void remove(Task t) {
        runQueue.remove(t);
        if (onCpu == t) {
            onCpu = null;
        }
    }

    // ---- the rest of the scheduler, in the files that model its other Linux sources ----------

    final Runner runner = new Runner(this);
    private final ScheduleTimeout timeouts = new ScheduleTimeout(this);
    private final SignalWake signals = new SignalWake(this);
    private final InterruptContext interrupts = new InterruptContext(this);

    /** Runs a syscall's call of module code on t to its end (see Runner.runTask). */
    public long runTask(Task t, long fn, long[] args, List<String> path, LongUnaryOperator then, long died, long running) {
        return runner.runTask(t, fn, args, path, then, died, running);
    }

    /** Lets {@code nanos} of virtual time pass (see Runner.advanceTime). */
    public void advanceTime(long nanos) { runner.advanceTime(nanos); }

    /** Module code asleep inside a nested call waits for its wake-up (see Runner.sleepNested). */
    public boolean sleepNested(Task t) { return runner.sleepNested(t); }

    /** Models schedule_timeout() (see ScheduleTimeout.sleepTimeout). */
    public void sleepTimeout(int state, long timeoutJiffies, Wait.After after) {
        timeouts.sleepTimeout(state, timeoutJiffies, after);
    }

    /** Models schedule_hrtimeout_range() (see ScheduleTimeout.sleepNanos). */
    public void sleepNanos(int state, long nanos) { timeouts.sleepNanos(state, nanos); }

    /** Puts a kernel thread with nothing to do to sleep (see ScheduleTimeout.sleepIdle). */
    public void sleepIdle(Task t, int state) { timeouts.sleepIdle(t, state); }

    /** Models signal_wake_up() (see SignalWake.signalWake). */
    public void signalWake(Task t, int sig) { signals.signalWake(t, sig); }

    /** kill(2) of a task in the kernel (see SignalWake.signal). */
    public void signal(Task t, int sig) { signals.signal(t, sig); }

    /** A fault in interrupt-context kernel code (see InterruptContext.faultInInterrupt). */
    public void faultInInterrupt(Task on, String function, int offset, dev.kplay.vm.PageFault fault, List<String> path,
                                 int preemptOffset) {
        interrupts.faultInInterrupt(on, function, offset, fault, path, preemptOffset);
    }

    /** Runs fn(args) in interrupt context (see InterruptContext.runInterrupt). */
    public long runInterrupt(Task on, long fn, long[] args, List<String> path, int offset) {
        return interrupts.runInterrupt(on, fn, args, path, offset);
    }
}
