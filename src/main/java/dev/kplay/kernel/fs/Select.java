package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Task;

import java.util.List;

import static dev.kplay.kernel.syscall.Syscalls.DIED;
import static dev.kplay.kernel.syscall.Syscalls.RUNNING;

/*
 * fs/select.c's poll(2): do_sys_poll() → do_poll() → do_pollfd() → vfs_poll(). Each pass asks
 * every file's f_op->poll (a /proc file's proc_poll; DEFAULT_POLLMASK where there is none) for its
 * mask, filtered by the events asked for plus EPOLLERR|EPOLLHUP; a bad fd gives POLLNVAL. On the
 * first pass the poll_table's _qproc is __pollwait, so the driver's poll_wait() puts a
 * poll_table_entry (waking through pollwake) on its wait queue; once one fd is ready, or on later
 * passes, _qproc is NULL. With nothing ready the task sleeps (state S) until a wake_up on one of
 * those queues sets pwq->triggered, the timeout passes, or a signal kills it; then it polls
 * again, as do_poll() loops.
 *
 * While it sleeps, time passes as in any syscall that waits: other tasks run and timers fire (with
 * the session's wall-clock pacing). A wait with no timeout that nothing pending in the kernel can
 * end (no timer, no runnable task) comes back RUNNING with the task left asleep, its poll table
 * still on the drivers' queues: a later wake_up (a write from another process) triggers it, and
 * resumePoll() then polls again and completes the call; a signal ends it too.
 *
 * Layouts in kernel memory: struct poll_wqueues: pt._qproc@0 pt._key@8 polling_task@16
 * triggered@24 error@28 entries@32 (kplay's list of poll_table_entry); struct poll_table_entry:
 * filp@0 key@8 wait@16 (wait_queue_entry: flags, private = the poll_wqueues, func = pollwake,
 * entry) wait_address@56 next@64.
 */

/** The poll(2) path. */
public final class Select {
    static final int NR_POLL = 7;
    static final int EINVAL = 22, ENOMEM = 12;
    public static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20,
            POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    /** DEFAULT_POLLMASK: what vfs_poll() reports for a file without f_op->poll. */
    public static final int DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    static final int PWQ_SIZE = 40, PWQ_KEY = 8, PWQ_TASK = 16, PWQ_TRIGGERED = 24, PWQ_ERROR = 28, PWQ_ENTRIES = 32;
    static final int ENTRY_SIZE = 72, ENTRY_FILP = 0, ENTRY_KEY = 8, ENTRY_WAIT = 16, ENTRY_WAIT_ADDRESS = 56, ENTRY_NEXT = 64;
    /** RLIMIT_NOFILE's default soft limit: more pollfds than this is EINVAL. */
    static final int NOFILE = 1024;
    /** Longest a wait without timeout goes on before the call is left RUNNING (as Scheduler.runTask's). */
    static final long MAX_WAIT = 300_000_000_000L;
    public static final List<String> PATH_POLL = Fops.path("do_sys_poll+0x29a/0x560", "__x64_sys_poll+0xb1/0x150");

    /** What resumePoll() answers while a parked poll is still waiting. */
    public static final long WAITING = Long.MIN_VALUE;

    /** A poll(2) left asleep with no timeout: its table stays on the drivers' wait queues. */
    private record Parked(int[] fds, int[] events, int[] revents, long pwq) {}

    private final Kernel k;
    private final ProcReg procReg;
    private final java.util.Map<Task, Parked> parked = new java.util.HashMap<>();

    public Select(Kernel k, ProcReg procReg) {
        this.k = k;
        this.procReg = procReg;
    }

    /**
     * Models do_sys_poll() for t over its open files: fds[i] &lt; 0 are skipped (revents 0), events[i]
     * are the POLL* bits asked for, revents[i] gets what is ready. Returns how many fds have
     * revents, 0 on timeout (timeoutMs &lt; 0: none), -EINVAL past RLIMIT_NOFILE, -ENOMEM, or
     * DIED/RUNNING.
     */
    public long doSysPoll(Task t, int[] fds, int[] events, int[] revents, int timeoutMs) {
        if (fds.length > NOFILE || events.length < fds.length || revents.length < fds.length) {
            return -EINVAL;
        }
        AddressSpace mem = k.memory();
        long pwq = k.slab().kmalloc(PWQ_SIZE);
        if (pwq == 0) {
            return -ENOMEM;
        }
        for (int i = 0; i < PWQ_SIZE; i += 8) {
            mem.store(pwq + i, 8, 0);
        }
        mem.store(pwq + PWQ_TASK, 8, t.taskStruct());
        boolean timedOut = timeoutMs == 0;
        long deadline = timeoutMs < 0 ? -1 : k.now() + timeoutMs * 1_000_000L;
        long qproc = timedOut ? 0 : k.exports().address("__pollwait");
        long count;
        boolean keep = false;
        try {
            while (true) {
                mem.store(pwq, 8, qproc);
                count = 0;
                for (int i = 0; i < fds.length; i++) {
                    long m = doPollfd(t, fds[i], events[i], pwq);
                    if (m == DIED || m == RUNNING) {
                        return m;
                    }
                    revents[i] = (int) m;
                    if (m != 0) {
                        count++;
                        mem.store(pwq, 8, 0);
                    }
                }
                qproc = 0;
                if (count != 0 || timedOut) {
                    break;
                }
                int error = (int) mem.load(pwq + PWQ_ERROR, 4);
                if (error != 0) {
                    count = error;
                    break;
                }
                long w = sleep(t, pwq, deadline);
                if (w == RUNNING && deadline < 0 && t.alive() && !k.panicked()) {
                    // asleep until a later wake_up on one of the queues: resumePoll() goes on from here
                    keep = true;
                    parked.put(t, new Parked(fds, events, revents, pwq));
                    return w;
                }
                if (w == DIED || w == RUNNING) {
                    return w;
                }
                timedOut = w == 0;
                mem.store(pwq + PWQ_TRIGGERED, 4, 0);
            }
        } finally {
            if (!keep) {
                pollFreewait(pwq);
            }
        }
        return count;
    }

    /**
     * A poll of t's that was left asleep with no timeout goes on if a wake_up has triggered its table
     * since: do_poll() polls every fd again (no new queueing) and returns how many are ready, with
     * revents filled in {@code revents}; if none is, it sleeps on. {@link #WAITING} while it sleeps;
     * DIED if the task died; a task that no longer runs has its table freed.
     */
    public long resumePoll(Task t, int[] revents) {
        Parked p = parked.get(t);
        if (p == null) {
            return -EINVAL;
        }
        if (!t.alive()) {
            parked.remove(t);
            pollFreewait(p.pwq());
            return DIED;
        }
        AddressSpace mem = k.memory();
        if (mem.load(p.pwq() + PWQ_TRIGGERED, 4) == 0) {
            return WAITING;
        }
        mem.store(p.pwq() + PWQ_TRIGGERED, 4, 0);
        mem.store(p.pwq(), 8, 0);
        long count = 0;
        for (int i = 0; i < p.fds().length; i++) {
            long m = doPollfd(t, p.fds()[i], p.events()[i], p.pwq());
            if (m == DIED || m == RUNNING) {
                parked.remove(t);
                pollFreewait(p.pwq());
                return m;
            }
            p.revents()[i] = (int) m;
            count += m != 0 ? 1 : 0;
        }
        if (count == 0) {
            t.setState(Scheduler.stateOf(Scheduler.TASK_INTERRUPTIBLE));
            t.setSleepState(Scheduler.TASK_INTERRUPTIBLE);
            return WAITING;
        }
        parked.remove(t);
        pollFreewait(p.pwq());
        System.arraycopy(p.revents(), 0, revents, 0, Math.min(revents.length, p.revents().length));
        return count;
    }

    /** A parked poll whose task is gone or interrupted: its table leaves the queues (poll_freewait()). */
    public void cancelPoll(Task t) {
        Parked p = parked.remove(t);
        if (p != null) {
            pollFreewait(p.pwq());
        }
    }

    /** Models do_pollfd(): the fd's mask filtered by what was asked (plus ERR and HUP); POLLNVAL for a bad fd. */
    private long doPollfd(Task t, int fd, int events, long pwq) {
        if (fd < 0) {
            return 0;
        }
        OpenFile f = t.files().get(fd);
        if (f == null) {
            return POLLNVAL;
        }
        int filter = (events & 0xffff) | POLLERR | POLLHUP;
        k.memory().store(pwq + PWQ_KEY, 4, filter);
        long mask = vfsPoll(t, f, pwq);
        return mask == DIED || mask == RUNNING ? mask : mask & filter;
    }

    /** Models vfs_poll(): f_op->poll (proc_poll for /proc files), or DEFAULT_POLLMASK without one. */
    private long vfsPoll(Task t, OpenFile f, long pt) {
        if (f.inode() instanceof ProcEntry p && f.filp() != 0) {
            return procReg.poll(t, f, p, pt);
        }
        if (f.inode() instanceof DevNode d && d.major() == DevFs.MEM_MAJOR && d.minor() == DevFs.KMSG_MINOR) {
            // devkmsg_poll(): readable when a record follows the reader's position
            return k.log().after(f.pos() - 1).isEmpty() ? 0 : POLLIN | POLLRDNORM;
        }
        long fn = f.fops() == 0 ? 0 : k.memory().load(f.fops() + Fops.POLL, 8);
        if (fn == 0) {
            return DEFAULT_POLLMASK;
        }
        t.setSyscallNr(NR_POLL);
        return Fops.call(k, t, fn, new long[] {f.filp(), pt}, PATH_POLL, ret -> ret & 0xffffffffL);
    }

    /**
     * Models poll_schedule_timeout(): t sleeps interruptibly until pollwake triggers (1), the
     * deadline passes (0; deadline &lt; 0: none), or it dies (DIED); RUNNING if nothing can end it.
     */
    private long sleep(Task t, long pwq, long deadline) {
        long start = k.now();
        Task.State before = t.state();
        t.setState(Scheduler.stateOf(Scheduler.TASK_INTERRUPTIBLE));
        t.setSleepState(Scheduler.TASK_INTERRUPTIBLE);
        t.setSleepStart(start);
        long r = -1;
        while (r < 0) {
            long now = k.now();
            boolean work = !k.idle() || k.timers().moduleWorkPending();
            if (k.memory().load(pwq + PWQ_TRIGGERED, 4) != 0) {
                r = 1;
            } else if (deadline >= 0 && now >= deadline) {
                r = 0;
            } else if (k.panicked() || (deadline < 0 && (!work || now - start >= MAX_WAIT))) {
                return RUNNING;         // left asleep in S
            } else {
                long until = !work ? deadline : k.idle() ? k.timers().nextEvent() : now + 1_000_000;
                if (deadline >= 0) {
                    until = Math.min(until, deadline);
                }
                long step = Math.max(1, until - now);
                k.scheduler().pace(step);
                k.advanceTime(step);
                if (!t.alive()) {
                    return DIED;
                }
            }
        }
        t.setState(before);
        t.setSleepState(0);
        return r;
    }

    /** Models poll_freewait(): every entry leaves its wait queue and is freed, then the table. */
    private void pollFreewait(long pwq) {
        AddressSpace mem = k.memory();
        long e = mem.load(pwq + PWQ_ENTRIES, 8);
        while (e != 0) {
            long next = mem.load(e + ENTRY_NEXT, 8);
            k.waits().removeWaitQueue(e + ENTRY_WAIT);
            k.slab().kfree(e);
            e = next;
        }
        k.slab().kfree(pwq);
    }

    // ---- the poll_table's kernel functions (reached through pointers, never linked) --------------

    /** Models __pollwait(filp, wait_address, p): a poll_table_entry on the driver's wait queue. */
    public static long pollwait(Kernel k, long filp, long waitAddress, long p) {
        AddressSpace mem = k.memory();
        if (waitAddress == 0) {
            return 0;
        }
        long e = k.slab().kmalloc(ENTRY_SIZE);
        if (e == 0) {
            mem.store(p + PWQ_ERROR, 4, -ENOMEM);
            return 0;
        }
        mem.store(e + ENTRY_FILP, 8, filp);
        mem.store(e + ENTRY_KEY, 8, mem.load(p + PWQ_KEY, 4));
        long w = e + ENTRY_WAIT;
        mem.store(w, 8, 0);
        mem.store(w + 8, 8, p);
        mem.store(w + 16, 8, k.exports().address("pollwake"));
        mem.store(w + 24, 8, w + 24);
        mem.store(w + 32, 8, w + 24);
        mem.store(e + ENTRY_WAIT_ADDRESS, 8, waitAddress);
        mem.store(e + ENTRY_NEXT, 8, mem.load(p + PWQ_ENTRIES, 8));
        mem.store(p + PWQ_ENTRIES, 8, e);
        k.waits().addWaitQueue(waitAddress, w, false);
        return 0;
    }

    /** Models pollwake(wait, ...): the poll_wqueues is triggered and its task will poll again; 1. */
    public static long pollwake(AddressSpace mem, long wait) {
        long pwq = mem.load(wait + 8, 8);
        mem.store(pwq + PWQ_TRIGGERED, 4, 1);
        return 1;
    }
}
