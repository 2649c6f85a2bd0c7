package dev.kplay.kernel.rcu;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.time.Clock;
import dev.kplay.kernel.time.Timers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/*
 * kernel/rcu/tree.c on kplay's one CPU: grace periods and the callbacks that wait for them.
 *
 * A grace period is requested by the first callback with none in progress; it starts at the next
 * tick (the grace-period kthread's wake-up) and ends two ticks later: on the oracle a callback
 * queued from a module's init runs 3 jiffies later (8-12 ms), and synchronize_rcu() returns after 3.
 * A callback queued before the grace period starts joins it; one queued while it runs waits for the
 * next, which starts the tick after this one ends. At the end the batch's callbacks run in the RCU
 * softirq, in the order they were queued (func(head) with in_softirq() true), then whatever sleeps
 * for the batch (synchronize_rcu(), rcu_barrier()) wakes.
 *
 * The CPU must pass a quiescent state first: a context switch, user mode, or idle. A task that
 * asked for the grace period and keeps running kernel code (an init that busy-waits with mdelay())
 * holds it: its end moves a tick at a time until the CPU has passed one (the oracle's callback ran
 * only after such an init returned), and the grace periods after it move with it.
 *
 * kfree_rcu() objects are batched first (kfree_rcu_monitor(), KFREE_DRAIN_JIFFIES = HZ/50 = 5
 * jiffies) and then wait for a grace period of their own before kvfree(). rcu_barrier() waits for
 * the callbacks queued so far, not for kfree_rcu()'s objects, as on Linux.
 *
 * struct rcu_head: next@0, func@8; call_rcu() writes func and a NULL next, and links the previous
 * callback's next to it, as the segmented callback list does.
 */

/** Grace periods and RCU callbacks of one kernel. */
public final class RcuTree {
    /** Ticks from a grace period's start to its end. */
    static final int GP_TICKS = 2;
    /** KFREE_DRAIN_JIFFIES: how long kfree_rcu() batches before it asks for a grace period. */
    static final int KFREE_DRAIN_JIFFIES = Clock.HZ / 50;

    /** Runs a callback in the RCU softirq. */
    public interface Invoker {
        void invoke(long func, long head);
    }

    /** What the CPU has done, for quiescent states. */
    public interface Cpu {
        /** Whether the CPU is idle now. */
        boolean idle();

        /** A value that changes when the CPU passes a quiescent state (another task, a switch, user mode). */
        long mark();
    }

    /** One queued callback: func(head), or (func 0) kvfree(head); head 0 holds a waiter's place. */
    private record Callback(long head, long func) {}

    /** The callbacks of one grace period: when it starts and ends (virtual ns), the CPU's mark when it was asked for. */
    private static final class Batch {
        final long start;
        long end;
        /** The end the event armed for this batch fires at. */
        long armedAt;
        final long mark;
        final List<Callback> callbacks = new ArrayList<>();

        Batch(long start, long end, long mark) {
            this.start = start;
            this.end = end;
            this.mark = mark;
        }
    }

    private final Clock clock;
    private final Timers timers;
    private final AddressSpace mem;
    private final Invoker invoker;
    private final Cpu cpu;
    private final LongConsumer kvfree;
    /** The grace period in progress and the one after it, if requested; each ends with an event armed when it was made. */
    private final ArrayDeque<Batch> batches = new ArrayDeque<>(1);
    /** The last module callback queued (its rcu_head's next is linked to the following one). */
    private long tail;

    public RcuTree(Clock clock, Timers timers, AddressSpace mem, Invoker invoker, Cpu cpu, LongConsumer kvfree) {
        this.clock = clock;
        this.timers = timers;
        this.mem = mem;
        this.invoker = invoker;
        this.cpu = cpu;
        this.kvfree = kvfree;
    }

    /** call_rcu(head, func). */
    public void callRcu(long head, long func) {
        mem.store(head + 8, 8, func);
        mem.store(head, 8, 0);
        if (tail != 0) {
            mem.store(tail, 8, head);
        }
        tail = head;
        queue(new Callback(head, func));
    }

    /** kvfree_call_rcu(): ptr is freed after the drain delay and a grace period. */
    public void kvfreeRcu(long ptr) {
        long drain = clock.jiffyStart(clock.jiffies() + KFREE_DRAIN_JIFFIES);
        timers.at(drain, () -> queue(new Callback(ptr, 0)));
    }

    /**
     * synchronize_rcu(): when a grace period that starts after now will have ended (its callbacks
     * run first). The caller sleeps until then.
     */
    public long synchronize() {
        return queue(new Callback(0, 0));
    }

    /**
     * rcu_barrier(): when every callback queued so far will have run (the barrier is entrained
     * after the last of them), or -1 if none is queued.
     */
    public long barrier() {
        long end = -1;
        for (Batch b : batches) {
            if (b.callbacks.stream().anyMatch(c -> c.func() != 0 && c.head() != 0)) {
                end = b.end;
            }
        }
        return end;
    }

    /** Queues c in the newest grace period if it has not started, else in a new one; returns its end. */
    private long queue(Callback c) {
        Batch last = batches.peekLast();
        if (last == null || clock.now() >= last.start) {
            // the first tick after the request, or after the grace period in progress ends
            long start = last == null ? clock.jiffyStart(clock.jiffies() + 1) : last.end + Clock.NSEC_PER_JIFFY;
            last = new Batch(start, start + GP_TICKS * Clock.NSEC_PER_JIFFY, cpu.mark());
            batches.add(last);
            arm(last);
        }
        last.callbacks.add(c);
        return last.end;
    }

    private void arm(Batch b) {
        if (b.armedAt != b.end) {
            b.armedAt = b.end;
            timers.at(b.end, this::advance);
        }
    }

    /** At a grace period's end: the batches whose grace periods are over run their callbacks, in order. */
    private void advance() {
        while (!batches.isEmpty()) {
            Batch b = batches.peek();
            if (clock.now() < b.end) {
                arm(b);
                return;
            }
            if (!cpu.idle() && cpu.mark() == b.mark) {
                // no quiescent state since it was asked for: a tick later, and the ones after it too
                for (Batch later : batches) {
                    later.end += Clock.NSEC_PER_JIFFY;
                }
                arm(b);
                return;
            }
            batches.poll();
            run(b);
        }
    }

    /** The batch's callbacks, in the order they were queued. */
    private void run(Batch b) {
        for (Callback c : b.callbacks) {
            if (c.head() == 0) {
                continue;
            }
            if (c.func() == 0) {
                kvfree.accept(c.head());
                continue;
            }
            if (c.head() == tail) {
                tail = 0;
            }
            invoker.invoke(c.func(), c.head());
        }
    }
}
