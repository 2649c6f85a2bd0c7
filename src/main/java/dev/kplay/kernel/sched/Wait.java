package dev.kplay.kernel.sched;

import dev.kplay.kernel.mm.AddressSpace;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/*
 * Wait queues and completions (kernel/sched/wait.c, completion.c). A wait queue is the list the
 * module's own code builds in its memory (wait_event() expands to init_wait_entry() and
 * prepare_to_wait_event() around schedule()), so __wake_up() walks that list: each entry names
 * its task, and waking it is try_to_wake_up() on that task; autoremove entries leave the list.
 *
 * A completion's waiters are kept here (swait, always exclusive, FIFO); `done` lives in the
 * struct in module memory, where completion_done() and friends read it.
 *
 * struct wait_queue_head: lock@0 head@8; struct wait_queue_entry: flags@0 private@8 func@16
 * entry@24; struct completion: done@0 wait@8.
 */

/** Wait queues and completions. */
public final class Wait {
    static final int WQ_FLAG_EXCLUSIVE = 1;
    static final long UINT_MAX = 0xffffffffL;

    private final Scheduler sched;
    private final AddressSpace mem;
    private final Supplier<Collection<Task>> tasks;
    private final Map<Long, ArrayDeque<Task>> completionWaiters = new HashMap<>();
    /** The address of autoremove_wake_function (entries using it leave the queue when woken). */
    private long autoremove;
    /** poll(2)'s pollwake and its body: the entry's private is the poller's table, not a task. */
    private long pollwake;
    private java.util.function.LongUnaryOperator pollwakeFn;

    public Wait(Scheduler sched, AddressSpace mem, Supplier<Collection<Task>> tasks) {
        this.sched = sched;
        this.mem = mem;
        this.tasks = tasks;
    }

    /** The task whose task_struct is at addr, or null. */
    public Task byTaskStruct(long addr) {
        if (addr == 0) {
            return null;
        }
        for (Task t : tasks.get()) {
            if (t.taskStruct() == addr) {
                return t;
            }
        }
        return null;
    }

    // ---- wait queues ----------------------------------------------------------------------------

    public void setAutoremove(long addr) {
        autoremove = addr;
    }

    /** Registers pollwake: entries whose func it is are woken by calling fn(entry) (1 if it woke). */
    public void setPollwake(long addr, java.util.function.LongUnaryOperator fn) {
        pollwake = addr;
        pollwakeFn = fn;
    }

    /** Models init_wait_entry(): the entry names current and autoremove_wake_function. */
    public void initWaitEntry(long e, int flags) {
        mem.store(e, 4, flags);
        mem.store(e + 8, 8, sched.current().taskStruct());
        mem.store(e + 16, 8, autoremove);
        listInit(e + 24);
    }

    /**
     * Models prepare_to_wait_event(): queues the entry (exclusive ones at the tail) and sets the
     * task state; returns -ERESTARTSYS instead if a signal is pending that the state lets in.
     */
    public long prepareToWaitEvent(long head, long entry, int state) {
        Task cur = sched.current();
        if (signalPendingState(state, cur)) {
            long node = entry + 24;
            if (mem.load(node, 8) != node) {
                listDel(node);
            }
            return -512;
        }
        long node = entry + 24;
        if (mem.load(node, 8) == node) {
            listAddTail(node, head + 8);
        }
        setCurrentState(state);
        return 0;
    }

    /** Models finish_wait(): TASK_RUNNING again, and off the queue. */
    public void finishWait(long entry) {
        setCurrentState(0);
        long node = entry + 24;
        if (mem.load(node, 8) != node) {
            listDel(node);
        }
    }

    /** Models add_wait_queue()/remove_wait_queue(). */
    public void addWaitQueue(long head, long entry, boolean exclusive) {
        if (exclusive) {
            mem.store(entry, 4, mem.load(entry, 4) | WQ_FLAG_EXCLUSIVE);
        }
        listAddTail(entry + 24, head + 8);
    }

    public void removeWaitQueue(long entry) {
        long node = entry + 24;
        if (mem.load(node, 8) != node) {
            listDel(node);
        }
    }

    /**
     * Models __wake_up(): wakes the sleepers on the queue whose state {@code mode} allows, all the
     * non-exclusive ones and up to {@code nr} exclusive ones (0: all); autoremove entries are unlinked.
     */
    public void wakeUp(long head, int mode, int nr) {
        long list = head + 8;
        long node = mem.load(list, 8);
        int guard = 0;
        int exclusiveLeft = nr <= 0 ? Integer.MAX_VALUE : nr;
        while (node != list && node != 0 && guard++ < 10_000) {
            long next = mem.load(node, 8);
            long entry = node - 24;
            int flags = (int) mem.load(entry, 4);
            if (pollwake != 0 && mem.load(entry + 16, 8) == pollwake) {
                if (pollwakeFn.applyAsLong(entry) != 0 && (flags & WQ_FLAG_EXCLUSIVE) != 0 && --exclusiveLeft == 0) {
                    break;
                }
                node = next;
                continue;
            }
            Task t = byTaskStruct(mem.load(entry + 8, 8));
            int woke = t == null ? 0 : sched.wakeUp(t, mode);
            if ((woke != 0 && mem.load(entry + 16, 8) == autoremove) || t == null) {
                listDel(node);
            }
            if (woke != 0 && (flags & WQ_FLAG_EXCLUSIVE) != 0 && --exclusiveLeft == 0) {
                break;
            }
            node = next;
        }
    }

    /** The task's state follows a native's set_current_state(). */
    public void setCurrentState(int state) {
        Task cur = sched.current();
        if (cur == null || cur == sched.idleTask()) {
            return;
        }
        cur.setState(Scheduler.stateOf(state));
        cur.setSleepState(state);
        if (cur.taskStruct() != 0) {
            mem.store(cur.taskStruct() + TaskStruct.STATE_OFFSET, 4, state);
        }
    }

    /** Models signal_pending_state(). */
    public static boolean signalPendingState(int state, Task t) {
        if ((state & (Scheduler.TASK_INTERRUPTIBLE | Scheduler.TASK_WAKEKILL)) == 0 || t.pendingSignals() == 0) {
            return false;
        }
        return (state & Scheduler.TASK_INTERRUPTIBLE) != 0 || (t.pendingSignals() & (1L << 9)) != 0;
    }

    // ---- completions ----------------------------------------------------------------------------

    /** Models complete() ({@code all}: complete_all()): done goes up and one waiter (all) wakes. */
    public void complete(long x, boolean all) {
        long done = mem.load(x, 4);
        mem.store(x, 4, all ? UINT_MAX : done == UINT_MAX ? done : done + 1);
        ArrayDeque<Task> q = completionWaiters.get(x);
        while (q != null && !q.isEmpty()) {
            Task t = q.poll();
            if (sched.wakeUp(t, Scheduler.TASK_INTERRUPTIBLE | Scheduler.TASK_UNINTERRUPTIBLE) != 0 && !all) {
                break;
            }
        }
    }

    /** Models try_wait_for_completion(): takes one `done` if there is one. */
    public boolean tryWait(long x) {
        long done = mem.load(x, 4);
        if (done == 0) {
            return false;
        }
        if (done != UINT_MAX) {
            mem.store(x, 4, done - 1);
        }
        return true;
    }

    /**
     * Models wait_for_common(): returns at once (the timeout, at least 1) if done, else sleeps in
     * {@code state} until complete() (the remaining jiffies, at least 1), the timeout (0), or a
     * signal the state lets in (-ERESTARTSYS). A timeout below 0 waits for ever. The native's
     * result is what the sleep returns when the task runs again; {@code now} gets it if no sleep was needed.
     */
    public void waitForCompletion(long x, int state, long timeoutJiffies, java.util.function.LongConsumer now) {
        Task cur = sched.current();
        if (tryWait(x)) {
            long v = Math.max(timeoutJiffies, 1);
            now.accept(v);
            sched.mightResched(() -> v);
            return;
        }
        if (signalPendingState(state, cur)) {
            now.accept(-512);
            return;
        }
        if (timeoutJiffies == 0) {
            now.accept(0);
            return;
        }
        completionWaiters.computeIfAbsent(x, k -> new ArrayDeque<>()).add(cur);
        sched.sleepTimeout(state, timeoutJiffies, (left, signalled) -> {
            if (tryWait(x)) {
                return Math.max(left, 1);
            }
            ArrayDeque<Task> q = completionWaiters.get(x);
            if (q != null) {
                q.remove(cur);
            }
            return signalled ? -512 : 0;
        });
    }

    /** The value a timed sleep returns, from the jiffies left and whether a signal ended it. */
    @FunctionalInterface
    public interface After {
        long value(long jiffiesLeft, boolean signalled);
    }

    // ---- list_head ------------------------------------------------------------------------------

    private void listInit(long node) {
        mem.store(node, 8, node);
        mem.store(node + 8, 8, node);
    }

    private void listAddTail(long node, long head) {
        long prev = mem.load(head + 8, 8);
        mem.store(node, 8, head);
        mem.store(node + 8, 8, prev);
        mem.store(prev, 8, node);
        mem.store(head + 8, 8, node);
    }

    private void listDel(long node) {
        long next = mem.load(node, 8);
        long prev = mem.load(node + 8, 8);
        mem.store(prev, 8, next);
        mem.store(next + 8, 8, prev);
        listInit(node);
    }
}
