package dev.kplay.kernel.sched;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/*
 * Kernel threads (kernel/kthread.c). kthread_create() asks kthreadd (pid 2) for a new task, which
 * starts asleep in TASK_UNINTERRUPTIBLE (ps: D) until wake_up_process(); then kthread() calls the
 * thread function on the thread's own kernel stack. kthread_stop() sets should_stop, wakes the
 * thread and sleeps until it has returned, and hands back its return value (-EINTR if it never
 * ran). A thread that returns, or calls kthread_exit(), is reaped by kthreadd at once.
 */

/** kthread_create, kthread_stop, kthread_should_stop and kthread_exit. */
public final class Kthreads {
    static final List<String> PATH = List.of("kthread+0xda/0x100", "ret_from_fork+0x22/0x30");
    static final long EINTR = -4;

    /** The kthread bookkeeping of struct kthread. */
    private static final class Kthread {
        final long fn;
        final long data;
        boolean shouldStop;
        boolean started;
        boolean exited;
        long result;
        Task stopper;

        Kthread(long fn, long data) {
            this.fn = fn;
            this.data = data;
        }
    }

    private final Scheduler sched;
    /** Makes a new task parented by kthreadd with this name (copy_process), or null if there is no room. */
    private final Function<String, Task> spawn;
    /** Reaps a thread that has ended (do_exit, then kthreadd's wait). */
    private final Consumer<Task> reap;
    private final Map<Task, Kthread> threads = new HashMap<>();

    public Kthreads(Scheduler sched, Function<String, Task> spawn, Consumer<Task> reap) {
        this.sched = sched;
        this.spawn = spawn;
        this.reap = reap;
    }

    /** Models kthread_create_on_node(): the new thread, asleep until woken; null if no task could be made. */
    public Task create(long fn, long data, String name) {
        Task t = spawn.apply(name);
        if (t == null) {
            return null;
        }
        Kthread k = new Kthread(fn, data);
        threads.put(t, k);
        t.setBody(this::run);
        sched.sleepIdle(t, Scheduler.TASK_UNINTERRUPTIBLE);
        return t;
    }

    /** kthread(): the thread's first run calls threadfn(data); its return ends the thread. */
    private void run(Task t) {
        Kthread k = threads.get(t);
        if (k == null || k.started) {
            exit(t, k, 0);
            return;
        }
        k.started = true;
        if (k.shouldStop) {
            exit(t, k, EINTR);
            return;
        }
        sched.call(t, k.fn, new long[] {k.data}, PATH, v -> {
            exit(t, k, (int) v);
            return v;
        });
    }

    private void exit(Task t, Kthread k, long result) {
        if (k != null) {
            k.exited = true;
            k.result = result;
            if (k.stopper != null) {
                sched.wakeUp(k.stopper, Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY);
            }
        }
        t.setBody(null);
        reap.accept(t);
    }

    /**
     * Models kthread_exit(): the current kernel thread ends here, its thread function never returning;
     * {@code result} is what kthread_stop() hands back. False if the current task is no kthread.
     */
    public boolean exitCurrent(long result) {
        Task t = sched.current();
        Kthread k = threads.get(t);
        if (k == null) {
            return false;
        }
        sched.exitCurrent(() -> exit(t, k, result));
        return true;
    }

    /** Models kthread_should_stop() for the current task. */
    public boolean shouldStop() {
        Kthread k = threads.get(sched.current());
        return k != null && k.shouldStop;
    }

    /** Models kthread_stop(): the thread's return value, once it has returned (the caller sleeps meanwhile). */
    public void stop(Task t, java.util.function.LongConsumer now) {
        Kthread k = threads.get(t);
        if (k == null) {
            now.accept(EINTR);
            return;
        }
        k.shouldStop = true;
        if (k.exited) {
            threads.remove(t);
            now.accept(k.result);
            return;
        }
        if (!k.started) {
            // kthread() sees should_stop before calling threadfn and returns -EINTR.
            k.started = true;
            exit(t, k, EINTR);
            threads.remove(t);
            now.accept(EINTR);
            return;
        }
        sched.wakeUpProcess(t);
        k.stopper = sched.current();
        sched.schedule(Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY, () -> {
            threads.remove(t);
            return k.result;
        });
    }
}
