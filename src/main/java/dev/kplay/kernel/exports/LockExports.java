package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Softirq;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.Wait;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Locking (kernel/locking/): spinlocks and rwlocks disable preemption (and interrupts or bottom
 * halves in their _irqsave/_bh forms), so in_atomic() is true while one is held and sleeping
 * under one is "scheduling while atomic". On one CPU a spinlock is never contended by another
 * CPU; its word in memory still says whether it is held (spin_is_locked(), trylock).
 *
 * Mutexes and semaphores sleep: a contended mutex_lock() puts the task in D until the owner
 * unlocks, which hands the mutex to the first waiter; down() waits for up() the same way.
 * The owner (the task_struct address) is in mutex->owner, where mutex_is_locked() looks.
 *
 * Interrupt flags: pv_ops.irq's native save_fl/irq_disable/irq_enable (see <linux/irqflags.h>).
 *
 * Layouts: spinlock/rwlock word @0; struct mutex owner@0; struct semaphore count@4.
 */

/** Spinlock, rwlock, mutex, semaphore, preempt-count and irq-flag exports. */
final class LockExports {
    static final int SOFTIRQ_LOCK_OFFSET = Scheduler.SOFTIRQ_DISABLE_OFFSET + 1;
    static final long X86_EFLAGS_IF = 0x200, FLAGS_BASE = 0x046;
    static final int RW_WRITER = 0xff, RW_READER = 0x200;
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Scheduler sched;
    private final Softirq softirq;
    private final Wait wait;
    /** Tasks sleeping on a mutex or semaphore, by its address, in arrival order. */
    private final Map<Long, ArrayDeque<Task>> waiters = new HashMap<>();

    LockExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.sched = k.scheduler();
        this.softirq = k.softirq();
        this.wait = k.waits();
    }

    void register() {
        sched.setPreemptCountAddress(t.object("__preempt_count", 4));
        irqFlags();
        spinlocks();
        rwlocks();
        mutexes();
        semaphores();
    }

    private long flags() {
        return FLAGS_BASE | (sched.irqsDisabled() ? 0 : X86_EFLAGS_IF);
    }

    private void irqFlags() {
        long saveFl = t.kernelFunction("native_save_fl", 0x10, (a, s) -> flags());
        long disable = t.kernelFunction("native_irq_disable", 0x10, (a, s) -> {
            sched.setIrqsDisabled(true);
            return 0;
        });
        long enable = t.kernelFunction("native_irq_enable", 0x10, (a, s) -> {
            sched.setIrqsDisabled(false);
            return 0;
        });
        long pv = t.object("pv_ops", 24);
        mem.store(pv, 8, saveFl);
        mem.store(pv + 8, 8, disable);
        mem.store(pv + 16, 8, enable);
        t.function("__local_bh_enable_ip", 0x80, (a, s) -> {
            sched.preemptCountAdd(-(int) a[1]);
            softirq.runPending();
            return 0;
        });
    }

    private void lock(long l, int preempt) {
        sched.preemptCountAdd(preempt);
        mem.store(l, 4, 1);
    }

    private void unlock(long l, int preempt) {
        mem.store(l, 4, 0);
        sched.preemptCountAdd(-preempt);
        if ((preempt & Scheduler.SOFTIRQ_DISABLE_OFFSET) != 0) {
            softirq.runPending();
        }
    }

    private void spinlocks() {
        t.function("_raw_spin_lock", 0x30, (a, s) -> {
            lock(a[0], 1);
            return 0;
        });
        t.function("_raw_spin_lock_bh", 0x30, (a, s) -> {
            lock(a[0], SOFTIRQ_LOCK_OFFSET);
            return 0;
        });
        t.function("_raw_spin_lock_irq", 0x30, (a, s) -> {
            sched.setIrqsDisabled(true);
            lock(a[0], 1);
            return 0;
        });
        t.function("_raw_spin_lock_irqsave", 0x40, (a, s) -> {
            long f = flags();
            sched.setIrqsDisabled(true);
            lock(a[0], 1);
            return f;
        });
        t.function("_raw_spin_trylock", 0x40, (a, s) -> {
            if (mem.load(a[0], 4) != 0) {
                return 0;
            }
            lock(a[0], 1);
            return 1;
        });
        t.function("_raw_spin_unlock", 0x20, (a, s) -> {
            unlock(a[0], 1);
            return 0;
        });
        t.function("_raw_spin_unlock_bh", 0x20, (a, s) -> {
            unlock(a[0], SOFTIRQ_LOCK_OFFSET);
            return 0;
        });
        t.function("_raw_spin_unlock_irq", 0x20, (a, s) -> {
            unlock(a[0], 1);
            sched.setIrqsDisabled(false);
            return 0;
        });
        t.function("_raw_spin_unlock_irqrestore", 0x30, (a, s) -> {
            unlock(a[0], 1);
            sched.setIrqsDisabled((a[1] & X86_EFLAGS_IF) == 0);
            return 0;
        });
    }

    private void readLock(long l, int preempt) {
        sched.preemptCountAdd(preempt);
        mem.store(l, 4, mem.load(l, 4) + RW_READER);
    }

    private void readUnlock(long l, int preempt) {
        mem.store(l, 4, mem.load(l, 4) - RW_READER);
        sched.preemptCountAdd(-preempt);
    }

    private void writeLock(long l, int preempt) {
        sched.preemptCountAdd(preempt);
        mem.store(l, 4, mem.load(l, 4) | RW_WRITER);
    }

    private void writeUnlock(long l, int preempt) {
        mem.store(l, 4, mem.load(l, 4) & ~RW_WRITER);
        sched.preemptCountAdd(-preempt);
    }

    private void rwlocks() {
        t.function("_raw_read_lock", 0x30, (a, s) -> { readLock(a[0], 1); return 0; });
        t.function("_raw_read_unlock", 0x30, (a, s) -> { readUnlock(a[0], 1); return 0; });
        t.function("_raw_write_lock", 0x30, (a, s) -> { writeLock(a[0], 1); return 0; });
        t.function("_raw_write_unlock", 0x30, (a, s) -> { writeUnlock(a[0], 1); return 0; });
        t.function("_raw_read_lock_bh", 0x30, (a, s) -> { readLock(a[0], SOFTIRQ_LOCK_OFFSET); return 0; });
        t.function("_raw_read_unlock_bh", 0x30, (a, s) -> {
            readUnlock(a[0], SOFTIRQ_LOCK_OFFSET);
            softirq.runPending();
            return 0;
        });
        t.function("_raw_write_lock_bh", 0x30, (a, s) -> { writeLock(a[0], SOFTIRQ_LOCK_OFFSET); return 0; });
        t.function("_raw_write_unlock_bh", 0x30, (a, s) -> {
            writeUnlock(a[0], SOFTIRQ_LOCK_OFFSET);
            softirq.runPending();
            return 0;
        });
        t.function("_raw_read_lock_irqsave", 0x40, (a, s) -> {
            long f = flags();
            sched.setIrqsDisabled(true);
            readLock(a[0], 1);
            return f;
        });
        t.function("_raw_write_lock_irqsave", 0x40, (a, s) -> {
            long f = flags();
            sched.setIrqsDisabled(true);
            writeLock(a[0], 1);
            return f;
        });
        t.function("_raw_read_unlock_irqrestore", 0x30, (a, s) -> {
            readUnlock(a[0], 1);
            sched.setIrqsDisabled((a[1] & X86_EFLAGS_IF) == 0);
            return 0;
        });
        t.function("_raw_write_unlock_irqrestore", 0x30, (a, s) -> {
            writeUnlock(a[0], 1);
            sched.setIrqsDisabled((a[1] & X86_EFLAGS_IF) == 0);
            return 0;
        });
        t.function("_raw_read_trylock", 0x40, (a, s) -> {
            if ((mem.load(a[0], 4) & RW_WRITER) != 0) {
                return 0;
            }
            readLock(a[0], 1);
            return 1;
        });
        t.function("_raw_write_trylock", 0x40, (a, s) -> {
            if (mem.load(a[0], 4) != 0) {
                return 0;
            }
            writeLock(a[0], 1);
            return 1;
        });
    }

    // ---- sleeping locks --------------------------------------------------------------------------

    private long currentTs() {
        Task cur = sched.current();
        return cur == null ? 0 : cur.taskStruct();
    }

    /** Sleeps current on the lock at addr in state; wakeValue is what the native returns when it wakes. */
    private void sleepOn(long addr, int state, java.util.function.LongSupplier wakeValue) {
        waiters.computeIfAbsent(addr, x -> new ArrayDeque<>()).add(sched.current());
        sched.schedule(state, wakeValue);
    }

    /** The first waiter on addr still asleep, taken off the queue, or null. */
    private Task firstWaiter(long addr) {
        ArrayDeque<Task> q = waiters.get(addr);
        while (q != null && !q.isEmpty()) {
            Task w = q.poll();
            if (w.alive() && w.stack().isBlocked()) {
                return w;
            }
        }
        return null;
    }

    /** The frames a task asleep in a contended mutex_lock*() shows under schedule() (6.1's slow path). */
    private static final List<String> MUTEX_SLEEP_FRAMES = List.of("schedule_preempt_disabled+0x11/0x20",
            "__mutex_lock.constprop.0+0x39d/0x720");

    /** Models mutex_lock*(): takes a free mutex, else sleeps until unlock hands it over; 0 or -EINTR. */
    private long mutexLock(long m, int state) {
        if (sched.mightResched(() -> mutexLockAfterYield(m))) {
            return 0;
        }
        if (mem.load(m, 8) == 0) {
            mem.store(m, 8, currentTs());
            return 0;
        }
        Task me = sched.current();
        me.setSleepFrames(MUTEX_SLEEP_FRAMES);
        sleepOn(m, state, () -> {
            me.setSleepFrames(List.of());
            if (mem.load(m, 8) == me.taskStruct()) {
                return 0;
            }
            ArrayDeque<Task> q = waiters.get(m);
            if (q != null) {
                q.remove(me);
            }
            return -4;
        });
        return 0;
    }

    /** After might_sleep() gave the CPU away: the mutex is taken if free (contended locks are rare here). */
    private long mutexLockAfterYield(long m) {
        if (mem.load(m, 8) == 0) {
            mem.store(m, 8, currentTs());
        }
        return 0;
    }

    private void mutexes() {
        t.function("__mutex_init", 0x40, (a, s) -> {
            mem.store(a[0], 8, 0);
            mem.store(a[0] + 8, 4, 0);
            mem.store(a[0] + 16, 8, a[0] + 16);
            mem.store(a[0] + 24, 8, a[0] + 16);
            return 0;
        });
        t.function("mutex_lock", 0x40, (a, s) -> mutexLock(a[0], Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY));
        t.function("mutex_lock_io", 0x40, (a, s) -> mutexLock(a[0], Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY));
        t.function("mutex_lock_interruptible", 0x40, (a, s) -> mutexLock(a[0], Scheduler.TASK_INTERRUPTIBLE));
        t.function("mutex_lock_killable", 0x40, (a, s) -> mutexLock(a[0], Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TASK_WAKEKILL));
        t.function("mutex_trylock", 0x40, (a, s) -> {
            if (mem.load(a[0], 8) != 0) {
                return 0;
            }
            mem.store(a[0], 8, currentTs());
            return 1;
        });
        t.function("mutex_unlock", 0x40, (a, s) -> {
            Task next = firstWaiter(a[0]);
            mem.store(a[0], 8, next == null ? 0 : next.taskStruct());
            if (next != null) {
                sched.wakeUp(next, Scheduler.TASK_INTERRUPTIBLE | Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY);
            }
            return 0;
        });
        t.function("mutex_is_locked", 0x20, (a, s) -> mem.load(a[0], 8) != 0 ? 1 : 0);
    }

    /** Models down*(): takes a count, else sleeps until up() hands one over, the timeout, or a signal. */
    private long down(long sem, int state, long timeoutJiffies) {
        if (sched.mightResched(() -> downAfterYield(sem))) {
            return 0;
        }
        long count = mem.load(sem + 4, 4);
        if (count > 0) {
            mem.store(sem + 4, 4, count - 1);
            return 0;
        }
        Task me = sched.current();
        waiters.computeIfAbsent(sem, x -> new ArrayDeque<>()).add(me);
        sched.sleepTimeout(state, timeoutJiffies, (left, sig) -> {
            ArrayDeque<Task> q = waiters.get(sem);
            if (q != null && q.remove(me)) {
                return sig ? -4 : -62;               // still waiting: interrupted, or timed out (-ETIME)
            }
            return 0;                                // up() handed us the count
        });
        return 0;
    }

    private long downAfterYield(long sem) {
        long count = mem.load(sem + 4, 4);
        if (count > 0) {
            mem.store(sem + 4, 4, count - 1);
        }
        return 0;
    }

    private void semaphores() {
        int d = Scheduler.TASK_UNINTERRUPTIBLE;
        t.function("down", 0x40, (a, s) -> down(a[0], d | Scheduler.TIMER_ONLY, -1));
        t.function("down_interruptible", 0x60, (a, s) -> down(a[0], Scheduler.TASK_INTERRUPTIBLE, -1));
        t.function("down_killable", 0x60, (a, s) -> down(a[0], d | Scheduler.TASK_WAKEKILL, -1));
        t.function("down_timeout", 0x60, (a, s) -> down(a[0], d, a[1]));
        t.function("down_trylock", 0x40, (a, s) -> {
            long count = mem.load(a[0] + 4, 4);
            if (count > 0) {
                mem.store(a[0] + 4, 4, count - 1);
                return 0;
            }
            return 1;
        });
        t.function("up", 0x40, (a, s) -> {
            Task next = firstWaiter(a[0]);
            if (next == null) {
                mem.store(a[0] + 4, 4, mem.load(a[0] + 4, 4) + 1);
            } else {
                sched.wakeUp(next, Scheduler.TASK_INTERRUPTIBLE | Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY);
            }
            return 0;
        });
    }
}
