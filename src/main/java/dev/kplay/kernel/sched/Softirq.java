package dev.kplay.kernel.sched;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.time.Timers;

import java.util.ArrayDeque;
import java.util.List;

/*
 * Interrupt context (kernel/softirq.c, the timer interrupt's hardirq part): what runs when time
 * passes. An expired hrtimer's function runs in hard-interrupt context (preempt_count +=
 * HARDIRQ_OFFSET), an expired timer_list function and every scheduled tasklet in the timer and
 * tasklet softirqs (SOFTIRQ_OFFSET), which __do_softirq() runs on the way out of the tick; so
 * in_interrupt() is true in all of them, in_softirq() in the last two, and none may sleep.
 *
 * They run on the CPU's interrupt stack (a stack of their own, here the stack of a task that
 * never appears in the task list), while `current` stays the task that was interrupted.
 *
 * struct tasklet_struct: next@0, state@8 (bit 0 SCHED, bit 1 RUN), count@16, use_callback@20,
 * func/callback@24, data@32.
 */

/** Hardirq and softirq execution: timers, hrtimers, tasklets. */
public final class Softirq implements Timers.Interrupts {
    static final List<String> TIMER_PATH = List.of("call_timer_fn+0x27/0x130", "__run_timers+0x222/0x2c0",
            "run_timer_softirq+0x19/0x30", "handle_softirqs+0xd7/0x280", "__irq_exit_rcu+0xac/0xe0",
            "sysvec_apic_timer_interrupt+0x6e/0x90");
    /** Where __run_timers() writes an expired timer's entry.pprev (hlist_move_list() of the expired bucket). */
    static final int RUN_TIMERS_DETACH = 0xd3;
    static final List<String> HRTIMER_PATH = List.of("__hrtimer_run_queues", "hrtimer_interrupt",
            "__sysvec_apic_timer_interrupt", "sysvec_apic_timer_interrupt");
    static final List<String> TASKLET_PATH = List.of("tasklet_action_common", "__do_softirq", "__irq_exit_rcu",
            "sysvec_apic_timer_interrupt");
    /** An RCU callback's frames below it (rcu_core() from the RCU softirq), as the oracle recorded them (case rcu_oops). */
    static final List<String> RCU_PATH = List.of("rcu_do_batch+0x19a/0x540", "rcu_core+0x1b5/0x4d0",
            "handle_softirqs+0xd7/0x280", "__irq_exit_rcu+0xac/0xe0", "sysvec_apic_timer_interrupt+0x6e/0x90");
    static final int TASKLET_STATE = 8, TASKLET_COUNT = 16, TASKLET_USE_CALLBACK = 20, TASKLET_FUNC = 24, TASKLET_DATA = 32;
    static final long STATE_SCHED = 1, STATE_RUN = 2;

    private final Scheduler sched;
    private final Timers timers;
    private final AddressSpace mem;
    /** The stack interrupts run on. */
    private final Task irqStack;
    private final ArrayDeque<Long> tasklets = new ArrayDeque<>();
    private boolean running;

    public Softirq(Scheduler sched, Timers timers, AddressSpace mem, Task irqStack) {
        this.sched = sched;
        this.timers = timers;
        this.mem = mem;
        this.irqStack = irqStack;
    }

    @Override
    public void timerList(long timer, long function) {
        sched.runInterrupt(irqStack, function, new long[] {timer}, TIMER_PATH, Scheduler.SOFTIRQ_OFFSET);
    }

    /** Runs an RCU callback, func(head), in the RCU softirq (rcu_do_batch()). */
    public void rcuCallback(long func, long head) {
        sched.runInterrupt(irqStack, func, new long[] {head}, RCU_PATH, Scheduler.SOFTIRQ_OFFSET);
    }

    @Override
    public void timerDetachFault(long timer, dev.kplay.vm.PageFault fault) {
        sched.faultInInterrupt(irqStack, "__run_timers", RUN_TIMERS_DETACH, fault, TIMER_PATH.subList(2, TIMER_PATH.size()),
                Scheduler.SOFTIRQ_OFFSET);
    }

    @Override
    public void hrtimer(long timer, long function) {
        long r = sched.runInterrupt(irqStack, function, new long[] {timer}, HRTIMER_PATH, Scheduler.HARDIRQ_OFFSET);
        if ((int) r == 1 && !timers.pending(timer)) {              // HRTIMER_RESTART: at the (forwarded) expiry
            timers.hrtimerStart(timer, mem.load(timer + Timers.HRTIMER_EXPIRES, 8));
        }
    }

    @Override
    public void tick() {
        runTasklets();
    }

    @Override
    public boolean softirqPending() {
        return !tasklets.isEmpty();
    }

    /** Models __tasklet_schedule(): the tasklet (its SCHED bit already set) runs in the next softirq. */
    public void taskletSchedule(long t) {
        if (!tasklets.contains(t)) {
            tasklets.add(t);
        }
    }

    /** Models tasklet_kill(): a scheduled tasklet still runs once, then it is no longer scheduled. */
    public void taskletKill(long t) {
        if (tasklets.contains(t) && (sched.preemptCount() & 0xff00) == 0) {
            runTasklets();
        }
        tasklets.remove(t);
        mem.store(t + TASKLET_STATE, 8, mem.load(t + TASKLET_STATE, 8) & ~(STATE_SCHED | STATE_RUN));
    }

    /** Models do_softirq() from local_bh_enable(): pending tasklets run now unless still in softirq. */
    public void runPending() {
        if (!tasklets.isEmpty() && (sched.preemptCount() & 0x1fff00) == 0) {
            runTasklets();
        }
    }

    /** Models tasklet_action(): every scheduled, enabled tasklet runs once, in order. */
    private void runTasklets() {
        if (running || tasklets.isEmpty()) {
            return;
        }
        running = true;
        try {
            int n = tasklets.size();
            for (int i = 0; i < n && !tasklets.isEmpty(); i++) {
                long t = tasklets.poll();
                if (mem.load(t + TASKLET_COUNT, 4) != 0) {
                    tasklets.add(t);                           // disabled: stays scheduled
                    continue;
                }
                long state = mem.load(t + TASKLET_STATE, 8);
                mem.store(t + TASKLET_STATE, 8, (state & ~STATE_SCHED) | STATE_RUN);
                boolean callback = mem.load(t + TASKLET_USE_CALLBACK, 1) != 0;
                long fn = mem.load(t + TASKLET_FUNC, 8);
                long arg = callback ? t : mem.load(t + TASKLET_DATA, 8);
                sched.runInterrupt(irqStack, fn, new long[] {arg}, TASKLET_PATH, Scheduler.SOFTIRQ_OFFSET);
                mem.store(t + TASKLET_STATE, 8, mem.load(t + TASKLET_STATE, 8) & ~STATE_RUN);
            }
        } finally {
            running = false;
        }
    }
}
