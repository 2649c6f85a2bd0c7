package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.rcu.RcuTree;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Task;

/*
 * The RCU calls of kernel/rcu/tree.c (see RcuTree): call_rcu(), kvfree_call_rcu() under
 * kfree_rcu(), and the waits, synchronize_rcu() and rcu_barrier(), which sleep uninterruptibly
 * until the grace period they wait for has ended and its callbacks have run (rcu_barrier() with no
 * callback queued returns at once). The read side (__rcu_read_lock) is in CredExports.
 */

/** call_rcu, kvfree_call_rcu, synchronize_rcu, rcu_barrier. */
final class RcuExports {
    private final Kernel k;
    private final ExportTable t;
    private final RcuTree rcu;

    RcuExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        Scheduler sched = k.scheduler();
        this.rcu = new RcuTree(k.clock(), k.timers(), k.memory(), k.softirq()::rcuCallback, new RcuTree.Cpu() {
            @Override
            public boolean idle() {
                return sched.current() == sched.idleTask();
            }

            @Override
            public long mark() {
                Task t = sched.current();
                return (long) t.pid() << 40 ^ (t.nvcsw() + t.nivcsw()) << 20 ^ t.userInstructions();
            }
        }, k.vmalloc()::kvfree);
    }

    /** synchronize_rcu(), registered apart (before the others, where the kernel's table has long had it). */
    void registerSynchronize() {
        t.function("synchronize_rcu", 0x80, (a, s) -> {
            sleepUntil(rcu.synchronize());
            return 0;
        });
    }

    void register() {
        t.function("call_rcu", 0x2c0, (a, s) -> {
            rcu.callRcu(a[0], a[1]);
            return 0;
        });
        t.function("kvfree_call_rcu", 0x2a0, (a, s) -> {
            // kfree_rcu(ptr, field) passes the field's offset as func; kfree_rcu(ptr) passes ptr with no head
            long ptr = a[0] == 0 ? a[1] : a[0] - a[1];
            rcu.kvfreeRcu(ptr);
            return 0;
        });
        t.function("rcu_barrier", 0x270, (a, s) -> {
            long end = rcu.barrier();
            if (end >= 0) {
                sleepUntil(end);
            }
            return 0;
        });
    }

    /**
     * Sleeps (D) until virtual time end, a tick: the timeout whose timer the wheel puts on that
     * tick (calc_index() rounds an expiry up to its next bucket), armed after the grace period's
     * end event, so the callbacks run first and then the sleeper wakes.
     */
    private void sleepUntil(long end) {
        long now = k.clock().jiffies();
        long endJiffy = now + (end - k.clock().jiffyStart(now)) / dev.kplay.kernel.time.Clock.NSEC_PER_JIFFY;
        long ticks = 1;
        while (k.timers().wheelExpiry(now + ticks + 1) <= endJiffy) {
            ticks++;
        }
        k.scheduler().sleepTimeout(Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY, ticks, (left, sig) -> 0);
    }
}
