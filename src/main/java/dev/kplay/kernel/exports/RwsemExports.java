package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Task;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/*
 * Read-write semaphores (kernel/locking/rwsem.c): many readers or one writer. The count word
 * has 6.1's encoding (bit 0 a writer, RWSEM_READER_BIAS per reader), so rwsem_is_locked() in the
 * header reads it as Linux does. A task that cannot get the lock sleeps in D (killable or
 * interruptible variants: until a signal, -EINTR), queued in arrival order. As in 6.1 a reader
 * does not pass a queued writer (no writer starves), and a release hands the lock over: to the
 * first waiter if it is a writer, else to every reader in the queue (rwsem_mark_wake()), the
 * writers keeping their place. downgrade_write() turns the writer into a reader and lets the
 * queued readers in with it.
 *
 * Layout: count@0, owner@8 (the writer's task_struct), wait_list@24 (see linux/rwsem.h).
 */

/** rw_semaphore exports. */
final class RwsemExports {
    static final long WRITER_LOCKED = 1, READER_BIAS = 256;
    private static final int EINTR = -4;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Scheduler sched;

    /** One sleeping task and what it wants; granted once the lock is handed to it. */
    private static final class Waiter {
        final Task task;
        final boolean writer;
        boolean granted;

        Waiter(Task task, boolean writer) {
            this.task = task;
            this.writer = writer;
        }
    }

    /** Tasks asleep on each rwsem (by address), in arrival order: the wait list. */
    private final Map<Long, ArrayDeque<Waiter>> waiters = new HashMap<>();

    RwsemExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.sched = k.scheduler();
    }

    void register() {
        int d = Scheduler.TASK_UNINTERRUPTIBLE;
        t.function("__init_rwsem", 0x60, (a, s) -> {
            mem.store(a[0], 8, 0);
            mem.store(a[0] + 8, 8, 0);
            mem.store(a[0] + 16, 4, 0);
            mem.store(a[0] + 20, 4, 0);
            mem.store(a[0] + 24, 8, a[0] + 24);
            mem.store(a[0] + 32, 8, a[0] + 24);
            return 0;
        });
        t.function("down_read", 0x50, (a, s) -> down(a[0], false, d | Scheduler.TIMER_ONLY));
        t.function("down_read_interruptible", 0x50, (a, s) -> down(a[0], false, Scheduler.TASK_INTERRUPTIBLE));
        t.function("down_read_killable", 0x50, (a, s) -> down(a[0], false, d | Scheduler.TASK_WAKEKILL));
        t.function("down_write", 0x50, (a, s) -> down(a[0], true, d | Scheduler.TIMER_ONLY));
        t.function("down_write_killable", 0x50, (a, s) -> down(a[0], true, d | Scheduler.TASK_WAKEKILL));
        t.function("down_read_trylock", 0x50, (a, s) -> canRead(a[0]) ? take(a[0], false) + 1 : 0);
        t.function("down_write_trylock", 0x50, (a, s) -> canWrite(a[0]) ? take(a[0], true) + 1 : 0);
        t.function("up_read", 0x60, (a, s) -> {
            mem.store(a[0], 8, mem.load(a[0], 8) - READER_BIAS);
            if (mem.load(a[0], 8) == 0) {
                wake(a[0], false);
            }
            return 0;
        });
        t.function("up_write", 0x60, (a, s) -> {
            mem.store(a[0], 8, mem.load(a[0], 8) & ~WRITER_LOCKED);
            mem.store(a[0] + 8, 8, 0);
            wake(a[0], false);
            return 0;
        });
        t.function("downgrade_write", 0x60, (a, s) -> {
            mem.store(a[0], 8, (mem.load(a[0], 8) & ~WRITER_LOCKED) + READER_BIAS);
            mem.store(a[0] + 8, 8, 0);
            wake(a[0], true);
            return 0;
        });
    }

    /** A reader gets in while no writer holds the lock and none waits (RWSEM_READ_FAILED_MASK). */
    private boolean canRead(long sem) {
        return (mem.load(sem, 8) & WRITER_LOCKED) == 0 && queue(sem).isEmpty();
    }

    /** A writer gets in only when the lock is free and nobody waits. */
    private boolean canWrite(long sem) {
        return mem.load(sem, 8) == 0 && queue(sem).isEmpty();
    }

    private long take(long sem, boolean writer) {
        if (writer) {
            mem.store(sem, 8, mem.load(sem, 8) | WRITER_LOCKED);
            mem.store(sem + 8, 8, sched.current() == null ? 0 : sched.current().taskStruct());
        } else {
            mem.store(sem, 8, mem.load(sem, 8) + READER_BIAS);
        }
        return 0;
    }

    private ArrayDeque<Waiter> queue(long sem) {
        ArrayDeque<Waiter> q = waiters.get(sem);
        if (q == null) {
            return new ArrayDeque<>();
        }
        q.removeIf(w -> !w.task.alive() || !w.task.stack().isBlocked());
        return q;
    }

    /**
     * Models down_read*() and down_write*(): takes the lock, or sleeps in {@code state} until a
     * release hands it over; 0, or -EINTR for a signal the state lets in (the task leaves the queue).
     */
    private long down(long sem, boolean writer, int state) {
        if (writer ? canWrite(sem) : canRead(sem)) {
            return take(sem, writer);
        }
        Waiter me = new Waiter(sched.current(), writer);
        waiters.computeIfAbsent(sem, x -> new ArrayDeque<>()).add(me);
        sched.schedule(state, () -> {
            if (me.granted) {
                return 0;
            }
            ArrayDeque<Waiter> q = waiters.get(sem);
            if (q != null) {
                q.remove(me);
            }
            if (mem.load(sem, 8) == 0) {
                wake(sem, false);       // the lock came free while this waiter stood first
            }
            return EINTR;
        });
        return 0;
    }

    /**
     * Models rwsem_mark_wake(): hands the lock to the first waiter if it is a writer and the lock is
     * free, else to every queued reader (readersOnly: after downgrade_write(), readers only).
     */
    private void wake(long sem, boolean readersOnly) {
        ArrayDeque<Waiter> q = queue(sem);
        if (q.isEmpty()) {
            return;
        }
        if (q.peek().writer) {
            if (readersOnly || mem.load(sem, 8) != 0) {
                return;
            }
            Waiter w = q.poll();
            grant(sem, w);
            return;
        }
        if ((mem.load(sem, 8) & WRITER_LOCKED) != 0) {
            return;
        }
        for (Iterator<Waiter> it = q.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (!w.writer) {
                it.remove();
                grant(sem, w);
            }
        }
    }

    private void grant(long sem, Waiter w) {
        w.granted = true;
        if (w.writer) {
            mem.store(sem, 8, mem.load(sem, 8) | WRITER_LOCKED);
            mem.store(sem + 8, 8, w.task.taskStruct());
        } else {
            mem.store(sem, 8, mem.load(sem, 8) + READER_BIAS);
        }
        sched.wakeUp(w.task, Scheduler.TASK_INTERRUPTIBLE | Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY);
    }
}
