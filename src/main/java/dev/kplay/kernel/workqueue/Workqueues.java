package dev.kplay.kernel.workqueue;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.time.Clock;
import dev.kplay.kernel.time.Timers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/*
 * Work queues (kernel/workqueue.c), reduced to what one CPU shows: each workqueue feeds a worker
 * pool whose kworker thread takes work items in order and calls their functions in process context
 * (so they may sleep). The bound per-CPU pool's worker is kworker/0:1, the unbound pool's
 * kworker/u2:1, as on the oracle's one-CPU guest. A delayed work waits on its timer, then is queued.
 *
 * The PENDING bit lives in work->data (bit 0), where work_pending() reads it; it is cleared just
 * before the function runs, so the work can queue itself again. flush and cancel_sync put the
 * caller to sleep until the work has run (flush_work(), __flush_workqueue()) or finished running.
 *
 * struct work_struct: data@0, entry@8, func@24; struct delayed_work: work@0, timer@32, wq@72, cpu@80.
 */

/** Workqueues and their kworkers. */
public final class Workqueues {
    static final List<String> PATH = List.of("process_one_work", "worker_thread", "kthread+0xda/0x100", "ret_from_fork+0x22/0x30");
    static final int WQ_UNBOUND = 1 << 1, WQ_MEM_RECLAIM = 1 << 3;
    /** Where an idle rescuer sleeps (its /proc/PID/stack): schedule() in rescuer_thread(). */
    static final List<String> RESCUER_SLEEP = List.of("rescuer_thread+0x2ae/0x3a0", "kthread+0xda/0x100",
            "ret_from_fork+0x22/0x30");
    static final long PENDING = 1;

    /** One workqueue_struct. */
    private static final class Workqueue {
        final String name;
        final Pool pool;
        final long addr;
        boolean destroyed;
        /** The rescuer thread of a WQ_MEM_RECLAIM workqueue (ps: [name], I<), or null. */
        Task rescuer;

        Workqueue(String name, Pool pool, long addr) {
            this.name = name;
            this.pool = pool;
            this.addr = addr;
        }
    }

    /** A worker pool: its queue of (work, workqueue) and its kworker. */
    private final class Pool {
        final String workerName;
        final ArrayDeque<long[]> queue = new ArrayDeque<>();
        Task worker;
        long running;
        long runningWq;

        Pool(String workerName) {
            this.workerName = workerName;
        }
    }

    private final Scheduler sched;
    private final Timers timers;
    private final AddressSpace mem;
    /** Makes a kernel thread (name, body) for a pool's worker. */
    private final BiFunction<String, dev.kplay.kernel.sched.TaskBody, Task> spawnWorker;
    private final Pool bound = new Pool("kworker/0:1");
    private final Pool unbound = new Pool("kworker/u2:1");
    private final Map<Long, Workqueue> queues = new HashMap<>();
    /** Delayed works whose timer is armed: dwork → the timer event. */
    private final Map<Long, Object> delayed = new HashMap<>();
    /** Tasks sleeping in flush/cancel_sync, with what they wait for. */
    private final List<Object[]> flushers = new ArrayList<>();
    private final LongAllocator alloc;

    /** Kernel memory for a workqueue_struct. */
    @FunctionalInterface
    public interface LongAllocator {
        long alloc(long size);
    }

    public Workqueues(Scheduler sched, Timers timers, AddressSpace mem, LongAllocator alloc,
                      BiFunction<String, dev.kplay.kernel.sched.TaskBody, Task> spawnWorker) {
        this.sched = sched;
        this.timers = timers;
        this.mem = mem;
        this.alloc = alloc;
        this.spawnWorker = spawnWorker;
    }

    /** Models alloc_workqueue(): a new workqueue_struct, or 0 without memory. */
    public long allocWorkqueue(String name, int flags) {
        long addr = alloc.alloc(256);
        if (addr == 0) {
            return 0;
        }
        mem.writeCString(addr, name.length() > 23 ? name.substring(0, 23) : name);
        Workqueue q = new Workqueue(name, (flags & WQ_UNBOUND) != 0 ? unbound : bound, addr);
        queues.put(addr, q);
        if ((flags & WQ_MEM_RECLAIM) != 0) {
            // init_rescuer(): a kthread named after the workqueue, at RESCUER_NICE_LEVEL, idle until the
            // pool cannot make a worker under memory pressure (which kplay's pools never meet)
            q.rescuer = spawnWorker.apply(name, t -> sched.sleepIdle(t, Scheduler.TASK_IDLE));
            if (q.rescuer != null) {
                q.rescuer.setNice(-20);
                q.rescuer.setWorkerDesc(null);
                q.rescuer.setSleepFrames(RESCUER_SLEEP);
            }
        }
        return addr;
    }

    /** Ends a kernel thread (kthread_stop() of a rescuer): do_exit(), then kthreadd reaps it. */
    private java.util.function.Consumer<Task> reap = t -> { };

    public void setReaper(java.util.function.Consumer<Task> r) {
        reap = r;
    }

    /** Models destroy_workqueue(): drains it first. */
    public void destroyWorkqueue(long wq, LongSupplier after) {
        Workqueue q = queues.get(wq);
        if (q != null) {
            q.destroyed = true;
        }
        flushWorkqueue(wq, () -> {
            Workqueue gone = queues.remove(wq);
            if (gone != null && gone.rescuer != null) {
                reap.accept(gone.rescuer);      // kthread_stop(rescuer->task)
            }
            return after.getAsLong();
        });
    }

    /** Models queue_work_on(): false if the work was already pending. */
    public boolean queueWork(long wq, long work) {
        long data = mem.load(work, 8);
        if ((data & PENDING) != 0) {
            return false;
        }
        mem.store(work, 8, data | PENDING);
        enqueue(wq, work);
        return true;
    }

    private void enqueue(long wq, long work) {
        Workqueue q = queues.get(wq);
        Pool p = q == null ? bound : q.pool;
        p.queue.add(new long[] {work, wq});
        if (p.worker == null) {
            p.worker = spawnWorker.apply(p.workerName, t -> workerThread(p, t));
        }
        if (p.worker != null) {
            sched.wakeUpProcess(p.worker);
        }
    }

    /** Models queue_delayed_work_on(): the work is queued once its timer expires (now if delay is 0). */
    public boolean queueDelayedWork(long wq, long dwork, long delay) {
        long data = mem.load(dwork, 8);
        if ((data & PENDING) != 0) {
            return false;
        }
        mem.store(dwork, 8, data | PENDING);
        mem.store(dwork + 72, 8, wq);
        if (delay <= 0) {
            enqueue(wq, dwork);
            return true;
        }
        Clock c = timers.clock();
        long when = c.jiffyStart(timers.wheelExpiry(c.jiffies() + delay));       // dwork->timer, add_timer()
        mem.store(dwork + 32 + 16, 8, c.jiffies() + delay);
        delayed.put(dwork, timers.at(when, () -> {
            delayed.remove(dwork);
            enqueue(wq, dwork);
        }));
        return true;
    }

    /** worker_thread(): take the next work item and call its function, or sleep (I) until work comes. */
    private void workerThread(Pool p, Task t) {
        long[] next = p.queue.poll();
        if (next == null) {
            sched.sleepIdle(t, Scheduler.TASK_IDLE);
            return;
        }
        long work = next[0];
        mem.store(work, 8, mem.load(work, 8) & ~PENDING);
        p.running = work;
        p.runningWq = next[1];
        Workqueue q = queues.get(next[1]);
        t.setWorkerDesc(q != null ? q.name : p == unbound ? "events_unbound" : "events");   // worker->desc
        long fn = mem.load(work + 24, 8);
        sched.call(t, fn, new long[] {work}, PATH, v -> {
            p.running = 0;
            p.runningWq = 0;
            wakeFlushers();
            return 0;
        });
    }

    private boolean queued(long work) {
        for (Pool p : List.of(bound, unbound)) {
            for (long[] w : p.queue) {
                if (w[0] == work) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean running(long work) {
        return bound.running == work || unbound.running == work;
    }

    private boolean busy(long wq) {
        Workqueue q = queues.get(wq);
        Pool p = q == null ? bound : q.pool;
        if (p.runningWq == wq && p.running != 0) {
            return true;
        }
        for (long[] w : p.queue) {
            if (w[1] == wq) {
                return true;
            }
        }
        return false;
    }

    /** Models flush_work(): true if it waited for the work to run. The caller may sleep. */
    public long flushWork(long work) {
        if (sched.mightResched(() -> queued(work) || running(work) ? 1 : 0)) {
            return 0;
        }
        if (!queued(work) && !running(work)) {
            return 0;
        }
        waitUntil(() -> !queued(work) && !running(work), () -> 1);
        return 1;
    }

    /** Models __flush_workqueue(): sleeps until every work queued on wq so far has run. */
    public void flushWorkqueue(long wq, LongSupplier after) {
        if (!busy(wq)) {
            after.getAsLong();
            return;
        }
        waitUntil(() -> !busy(wq), after);
    }

    /** Models cancel_work_sync() / cancel_delayed_work_sync(): true if the work was pending. */
    public long cancelWork(long work, boolean sync) {
        boolean pending = false;
        Object timer = delayed.remove(work);
        if (timer != null) {
            timers.cancel(timer);
            pending = true;
        }
        for (Pool p : List.of(bound, unbound)) {
            pending |= p.queue.removeIf(w -> w[0] == work);
        }
        mem.store(work, 8, mem.load(work, 8) & ~PENDING);
        if (sync && running(work)) {
            boolean was = pending;
            waitUntil(() -> !running(work), () -> was ? 1 : 0);
        }
        return pending ? 1 : 0;
    }

    /** Sleeps current (D) until the condition holds; the native then returns after's value. */
    private void waitUntil(java.util.function.BooleanSupplier cond, LongSupplier after) {
        Task cur = sched.current();
        flushers.add(new Object[] {cur, cond});
        sched.schedule(Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY, after);
    }

    private void wakeFlushers() {
        for (Object[] f : new ArrayList<>(flushers)) {
            if (((java.util.function.BooleanSupplier) f[1]).getAsBoolean()) {
                flushers.remove(f);
                sched.wakeUp((Task) f[0], Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY);
            }
        }
    }
}
