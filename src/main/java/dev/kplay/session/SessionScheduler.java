package dev.kplay.session;

import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/*
 * The server's own scheduler, under every session's kernel (DESIGN.md, "Budgets and fairness"). A
 * request never runs a session's work itself: it queues a job on the session's lane (Lane) and
 * gets a future; the server's request thread is free at once (the web layer answers asynchronously).
 *
 * - Worker threads run the jobs, at most `threads` at once (the CPUs), one job per session at a
 *   time, in order. When a CPU is free a worker takes the lane that has used the least of them
 *   (its virtual runtime: wall time holding a CPU, as CFS picks a task), so a session that burns
 *   CPU waits behind the others and each session gets a fair share of real CPU. A session keeps
 *   its runtime between lanes (a lane lives while it has work), and a lane that starts again
 *   starts no lower than the runtime of the last lane picked (CFS's min_vruntime), so neither a
 *   session that worked long ago nor a stream of new lanes can starve a lane that waits.
 * - Time slices: a job that computes for long (a runaway init, a spinning program: up to the
 *   kernel's budget of instructions per request, seconds of CPU) gives its CPU back every
 *   SLICE_NANOS while other lanes wait with less runtime than its own: at each tick of its
 *   kernel's virtual clock it checks, and if it has had its slice, its lane goes back to the ready
 *   list and its thread parks until a worker picks that lane again (then it goes on where it
 *   stopped). The pause is only wall time between two instructions: nothing in the kernel reads
 *   wall time, so output, virtual time and the event log are the same bytes as without it. The
 *   kernel's state is Java objects on this thread's stack, so a preempted job keeps its thread;
 *   there are at most MAX_PREEMPTED of them (past that a job runs its whole budget, as before),
 *   and a new worker thread is started when one parks, so the CPUs stay in use.
 *   A build checks at the compiler's CPU-limit check (every 4096 units of work: cc.diag.CpuLimit)
 *   as a kernel does at its clock's ticks; the wall time a job spends parked is the session's
 *   (Session.parked), so the build budget counts only the time a build ran. At most `cpus` builds
 *   park at once (past that a build runs on): a near-limit build holds 50-90 MB of compiler state,
 *   so builds in memory stay at 2 x cpus, where without slices they were cpus.
 * - Nothing waits on a thread. A command runs at full speed (Session.execDeferred) and owes the
 *   wall time its sleeps would have taken; its lane is then held, without a thread, until that
 *   time has passed: timers send its log records to the streams when each falls due and deliver
 *   its result at the end. Other requests of that session queue behind it, as they would behind
 *   the command on a terminal.
 * - A Ctrl-C jumps the queue: during a held command it redoes it interrupted where a live run
 *   would have seen the signal (Session.interruptDeferred), otherwise it goes to the blocked
 *   foreground job (Session.signal).
 * - The ticker of an open page (idle wall time passing) queues at most one tick per lane, and only
 *   when the lane has nothing else to do.
 */

/** One scheduler for all sessions' work: fair CPU share per session, no thread held while waiting. */
public final class SessionScheduler implements AutoCloseable {
    /** Lanes by key: a Session, or another key for work before a session exists (see submit). */
    private final Map<Object, Lane> lanes = new HashMap<>();
    /** Lanes with a job to run and no worker on it. */
    private final List<Lane> ready = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private final LongSupplier wallNanos;
    private boolean closed;
    /** The least virtual runtime among lanes last picked: a new lane starts there (CFS's min_vruntime). */
    private long minVruntime;
    private long jobs;
    private long heldNow;
    /** Jobs that hold a CPU right now (at most cpus). */
    private int onCpu;
    private final int cpus;
    /** Worker threads alive (parked preempted jobs' threads included), and preempted jobs parked now. */
    private int liveWorkers;
    private int preemptedNow;
    /** Of those, builds: at most cpus, as a build's compiler state takes tens of MB of heap (see preempt). */
    private int buildsParked;
    private int threadsStarted;
    private long preemptions;

    /** How long a job may compute while others wait before it gives its CPU back. */
    static final long SLICE_NANOS = 20_000_000L;
    /** Most preempted jobs parked at once (each keeps its thread): past it a job runs its budget out. */
    static final int MAX_PREEMPTED = 64;

    /** The job a session's lane is running: where its current slice started. */
    private final class Slice implements Runnable {
        final Lane lane;
        long start;

        Slice(Lane lane, long start) {
            this.lane = lane;
            this.start = start;
        }

        /** A tick of the session's virtual clock: gives the CPU back if the slice is used up. */
        @Override
        public void run() {
            if (wallNanos.getAsLong() - start >= SLICE_NANOS) {
                preempt(this);
            }
        }
    }

    /** {@code threads} workers run the jobs (at most that many at once); one more thread keeps the timers. */
    public SessionScheduler(int threads, LongSupplier wallNanos) {
        this.wallNanos = wallNanos;
        this.cpus = Math.max(1, threads);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kplay-sched-timer");
            t.setDaemon(true);
            return t;
        });
        synchronized (this) {
            for (int i = 0; i < cpus; i++) {
                startWorker();
            }
        }
    }

    /** Starts one more worker thread. Holds the monitor. */
    private void startWorker() {
        Thread t = new Thread(this::work, "kplay-cpu-" + threadsStarted++);
        t.setDaemon(true);
        workers.add(t);
        liveWorkers++;
        t.start();
    }

    /**
     * Runs {@code work} on the lane of {@code key} after the jobs queued before it; completes with
     * its value. The key is a Session, or for work before there is one (finding or rebuilding a
     * session, creating one) any other key: equal keys share a lane.
     */
    public <T> CompletableFuture<T> submit(Object key, Supplier<T> work) {
        return submit(key, work, false);
    }

    /** As {@link #submit}, ahead of the lane's queued jobs and of a held command (a DELETE). */
    public <T> CompletableFuture<T> submitUrgent(Object key, Supplier<T> work) {
        return submit(key, work, true);
    }

    private <T> CompletableFuture<T> submit(Object key, Supplier<T> work, boolean urgent) {
        CompletableFuture<T> f = new CompletableFuture<>();
        enqueue(key, () -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, urgent);
        return f;
    }

    /**
     * Runs a command line on the session's lane; completes with its result once the wall time its
     * sleeps and kernel waits take has passed (held without a thread meanwhile).
     */
    public CompletableFuture<Shell.Result> exec(Session s, String command, Long timeoutMs) {
        CompletableFuture<Shell.Result> f = new CompletableFuture<>();
        enqueue(s, () -> {
            long start = wallNanos.getAsLong();
            Session.Deferred d;
            try {
                d = s.execDeferred(command, timeoutMs);
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
                return;
            }
            long due = start + d.owedNanos();
            if (due - wallNanos.getAsLong() <= 0) {
                deliver(s, f, d.result());
                return;
            }
            hold(s, new Held(f, d.result(), start), due);
        }, false);
        return f;
    }

    /** Ctrl-C and friends, ahead of anything queued: see the class comment. */
    public CompletableFuture<Session.Signal> signal(Session s, int sig) {
        CompletableFuture<Session.Signal> f = new CompletableFuture<>();
        enqueue(s, () -> {
            try {
                Held h;
                synchronized (this) {
                    Lane l = lanes.get(s);
                    h = l == null || l.held == null || l.held.claimed ? null : l.held;
                    if (h != null) {
                        h.claimed = true;
                    }
                }
                if (h == null) {
                    f.complete(s.signal(sig));
                    return;
                }
                Shell.Result redone;
                try {
                    redone = s.interruptDeferred(wallNanos.getAsLong() - h.start);
                } catch (RuntimeException | Error e) {
                    redone = null;
                    h.result.completeExceptionally(e);
                    release(s, h);
                    throw e;
                }
                if (redone != null) {
                    h.result.complete(redone);
                    release(s, h);
                } else {
                    boolean overdue;
                    synchronized (this) {
                        h.claimed = false;
                        overdue = h.overdue;
                    }
                    if (overdue) {
                        fire(s, h);
                    }
                }
                f.complete(new Session.Signal(true, null));
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, true);
        return f;
    }

    /** An open page's tick: idle wall time passes in the kernel, unless the lane has work (that moves time). */
    public void tick(Session s) {
        synchronized (this) {
            Lane l = lanes.get(s);
            if (closed || l != null && (l.running || l.held != null || l.tickQueued || !l.queue.isEmpty())) {
                return;
            }
            if (l == null) {
                l = new Lane(s);
                l.vruntime = startAt(l);
                lanes.put(s, l);
            }
            l.tickQueued = true;
            Lane lane = l;
            l.queue.add(() -> {
                synchronized (this) {
                    lane.tickQueued = false;
                }
                s.passTime();
            });
            makeReady(l);
        }
    }

    /**
     * Jobs run since start, commands held right now, lanes (sessions with work) right now, times
     * a job gave its CPU back at the end of its slice since start, and preempted jobs parked now.
     */
    public synchronized long[] figures() {
        return new long[] {jobs, heldNow, lanes.size(), preemptions, preemptedNow};
    }

    private void enqueue(Object s, Runnable job, boolean urgent) {
        synchronized (this) {
            if (closed) {
                throw new SessionException(SessionException.Kind.UNAVAILABLE, "the server is shutting down");
            }
            Lane l = lanes.computeIfAbsent(s, Lane::new);
            if (l.queue.isEmpty() && l.urgent.isEmpty() && !l.running && l.held == null) {
                l.vruntime = startAt(l);
            }
            (urgent ? l.urgent : l.queue).add(job);
            makeReady(l);
        }
    }

    /**
     * The runtime a lane starts from when it gets work after having none: a session's own (it is
     * kept between lanes), but no lower than the last session lane picked. A lane of no session (a
     * lookup, a creation: no history) starts level with the preempted jobs waiting, so it never
     * overtakes one (ties go to the lane that waited first): a stream of them cannot starve a job
     * that gave its CPU back. Holds the monitor.
     */
    private long startAt(Lane l) {
        long v = Math.max(l.vruntime, minVruntime);
        if (!(l.session instanceof Session)) {
            for (Lane c : ready) {
                if (c.resume != null) {
                    v = Math.max(v, c.vruntime);
                }
            }
        }
        return v;
    }

    /** Puts l on the ready list if it can run a job now (or go on with a preempted one). Holds the monitor. */
    private void makeReady(Lane l) {
        boolean can = l.resume != null || !l.running && (!l.urgent.isEmpty() || l.held == null && !l.queue.isEmpty());
        if (can && !ready.contains(l)) {
            ready.add(l);
            notifyAll();
        }
    }

    /**
     * A worker: while a CPU is free, takes the ready lane with the least runtime and runs its next
     * job (or hands the CPU to its preempted job's thread), then puts it back.
     */
    private void work() {
        while (true) {
            Lane l;
            Runnable job;
            synchronized (this) {
                while ((ready.isEmpty() || onCpu >= cpus) && !closed) {
                    if (liveWorkers - preemptedNow > cpus) {
                        liveWorkers--;          // a spare left by a preempted job that went on: not needed now
                        workers.remove(Thread.currentThread());
                        return;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                l = ready.get(0);
                for (Lane c : ready) {
                    if (c.vruntime < l.vruntime) {
                        l = c;
                    }
                }
                ready.remove(l);
                if (l.session instanceof Session) {
                    minVruntime = Math.max(minVruntime, l.vruntime);
                }
                onCpu++;
                if (l.resume != null) {
                    Preempted p = l.resume;
                    l.resume = null;
                    preemptedNow--;
                    p.grant();                  // its own thread goes on with the CPU this worker took for it
                    continue;
                }
                job = l.urgent.isEmpty() ? l.queue.poll() : l.urgent.poll();
                l.running = true;
                jobs++;
            }
            Slice slice = new Slice(l, wallNanos.getAsLong());
            Session s = l.session instanceof Session x ? x : null;
            if (s != null) {
                s.preemptPoint(slice);
            }
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                // a job completes its own future; nothing may kill a worker
            } finally {
                if (s != null) {
                    s.preemptPoint(null);
                }
                long used = Math.max(0, wallNanos.getAsLong() - slice.start);
                synchronized (this) {
                    onCpu--;
                    l.vruntime += used;
                    l.running = false;
                    settle(l);
                    notifyAll();
                }
            }
        }
    }

    /**
     * The running job of {@code slice} has had its slice: if another lane waits with no more
     * runtime than this one, the CPU goes to it and this thread parks until the lane is picked
     * again. Runs on the job's thread, between two instructions of its kernel.
     */
    private void preempt(Slice slice) {
        Preempted p;
        boolean build = dev.kplay.cc.diag.CpuLimit.compiling();
        long parkedAt;
        synchronized (this) {
            long now = wallNanos.getAsLong();
            parkedAt = now;                     // before another worker can take the CPU, not after notifyAll
            Lane l = slice.lane;
            l.vruntime += now - slice.start;
            slice.start = now;
            if (closed || preemptedNow >= MAX_PREEMPTED || l.resume != null || build && buildsParked >= cpus) {
                return;                         // past cpus parked builds a build runs on: builds in memory stay <= 2 x cpus
            }
            boolean waiting = false;
            for (Lane c : ready) {
                waiting |= c != l && c.vruntime <= l.vruntime;
            }
            if (!waiting) {
                return;
            }
            p = new Preempted();
            l.resume = p;
            onCpu--;
            preemptedNow++;
            preemptions++;
            if (build) {
                buildsParked++;
            }
            makeReady(l);
            if (liveWorkers - preemptedNow < cpus) {
                startWorker();                  // this thread is parked: another one uses the CPU it gave back
            }
            notifyAll();
        }
        p.await();
        if (build) {
            synchronized (this) {
                buildsParked--;
            }
        }
        slice.start = wallNanos.getAsLong();
        if (slice.lane.session instanceof Session s) {
            s.parked(slice.start - parkedAt);
        }
    }

    /** After a job or a delivery: the lane runs on, or leaves the table when it has nothing. Holds the monitor. */
    private void settle(Lane l) {
        if (!l.running && l.held == null && l.queue.isEmpty() && l.urgent.isEmpty()) {
            lanes.remove(l.session, l);
            ready.remove(l);
            if (l.session instanceof Session s) {
                s.schedRuntime = l.vruntime;    // the session's next lane goes on from here (a lane is only its queue)
            }
        } else {
            makeReady(l);
        }
    }

    /** Holds the lane until {@code due}: timers release the command's log records as they fall due, then deliver it. */
    private void hold(Session s, Held h, long due) {
        synchronized (this) {
            Lane l = lanes.get(s);
            l.held = h;
            heldNow++;
            long now = wallNanos.getAsLong();
            for (long at : s.heldDueTimes()) {
                long delay = h.start + at - now;
                if (delay > 0 && h.start + at < due) {
                    h.timers.add(timers.schedule(() -> s.releaseHeld(at), delay, TimeUnit.NANOSECONDS));
                } else if (delay <= 0) {
                    s.releaseHeld(at);
                }
            }
            // the timer thread only queues the delivery (it writes the journal): a worker does it, first in the lane
            h.timers.add(timers.schedule(() -> {
                try {
                    enqueue(s, () -> fire(s, h), true);
                } catch (SessionException shuttingDown) {
                    h.result.completeExceptionally(shuttingDown);
                }
            }, due - now, TimeUnit.NANOSECONDS));
        }
    }

    /** The held command's wall time has passed: deliver it, unless a Ctrl-C has it (then that does). */
    private void fire(Session s, Held h) {
        synchronized (this) {
            if (h.claimed) {
                h.overdue = true;
                return;
            }
            h.claimed = true;
        }
        deliver(s, h.result, h.value);
        release(s, h);
    }

    /** Ends a hold: its timers cancelled, the lane free for its next job. */
    private void release(Session s, Held h) {
        synchronized (this) {
            for (ScheduledFuture<?> t : h.timers) {
                t.cancel(false);
            }
            Lane l = lanes.get(s);
            if (l != null && l.held == h) {
                l.held = null;
                heldNow--;
                settle(l);
            }
        }
    }

    private static void deliver(Session s, CompletableFuture<Shell.Result> f, Shell.Result r) {
        try {
            s.deliver();
            f.complete(r);
        } catch (RuntimeException | Error e) {
            f.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Lane l : lanes.values()) {
                if (l.resume != null) {
                    l.resume.grant();           // a preempted job runs to its end
                    l.resume = null;
                    preemptedNow--;
                }
            }
            notifyAll();
        }
        timers.shutdownNow();
    }
}
