package dev.kplay.session;

import dev.kplay.userland.sh.Shell;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/*
 * What every call on a session passes through: the session's one lock, and what happens around
 * each locked call. Idle wall time since the last call passes in the kernel first (a TimePassed
 * event, interactive sessions only), the call runs, then the new events go to the journal and the
 * CPU time it used is counted. The session's end is here too: close() never waits for the lock,
 * so a job holding it (a long command, parked between time slices) closes the session as it lets
 * go. The calls that take the lock their own way live here with it: a signal, a deferred command's
 * delivery and its redo with a Ctrl-C, an open page's tick, and attaching the journal.
 *
 * Locking: every operation that touches the kernel holds the lock, so the kernel (which has no
 * locks of its own) only ever runs on one thread at a time. signal() is the one exception (see
 * there).
 */

/** A session's lock, its end, and the wall time, journal and CPU accounting around each call. */
final class Gate {
    private static final long MIN_IDLE_NANOS = 1_000_000L;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final String id;
    private final SessionLimits limits;
    private final LongSupplier wallNanos;
    private final LogStreams streams;
    private final ReentrantLock lock = new ReentrantLock();
    /** How far the event log is in the store. */
    final JournalWriter journal = new JournalWriter();
    private Machine m;
    private Commands commands;
    /** Wall time (System.nanoTime scale) up to which the kernel has had its idle time. */
    private long lastWall;
    private volatile long lastUsedNanos;
    private boolean closed;
    /** close() was asked; whoever next holds the lock, or lets it go, closes the session. */
    private volatile boolean closeRequested;
    /** Server CPU time this session's requests have used (this copy, since it was built). */
    private volatile long cpuNanos;

    Gate(String id, SessionLimits limits, LongSupplier wallNanos, LogStreams streams) {
        this.id = id;
        this.limits = limits;
        this.wallNanos = wallNanos;
        this.streams = streams;
        this.lastWall = wallNanos.getAsLong();
        this.lastUsedNanos = lastWall;
    }

    /** The machine and its commands, once made (they take the journal from here); the wall clock starts now. */
    void open(Machine m, Commands commands) {
        this.m = m;
        this.commands = commands;
        this.lastWall = wallNanos.getAsLong();
    }

    long lastUsedNanos() { return lastUsedNanos; }

    long cpuNanos() { return cpuNanos; }

    /**
     * Runs {@code body} with the lock held: idle wall time since the last call passes first, the new
     * events go to the journal after (even if it fails); 404 once the session is closed.
     */
    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            if (closed) {
                throw new SessionException(SessionException.Kind.NOT_FOUND, "no such session: " + id);
            }
            long now = wallNanos.getAsLong();
            long cpu0 = CPU.getCurrentThreadCpuTime();
            int before = m.events.size();
            catchUp();
            int afterCatchUp = m.events.size();
            try {
                T result = body.get();
                lastWall = wallNanos.getAsLong();
                return result;
            } finally {
                if (m.events.size() > afterCatchUp || before == 0) {
                    lastUsedNanos = now;
                }
                cpuNanos += Math.max(0, CPU.getCurrentThreadCpuTime() - cpu0);
                flushJournal();
            }
        } finally {
            unlock();
        }
    }

    /** Runs a replay with the lock held, at full speed (no idle time, nothing journaled); the wall clock starts again after it. */
    void replaying(Runnable replay) {
        lock.lock();
        try {
            replay.run();
            lastWall = wallNanos.getAsLong();
        } finally {
            unlock();
        }
    }

    /**
     * Ctrl-C and friends (Session.signal): a command holding the session is reached through its
     * clock, never by waiting for the lock: it may not have started sleeping yet, and waiting would
     * let the sleep run out. Otherwise the signal goes to the foreground job under the lock.
     */
    Session.Signal signal(int sig) {
        while (!lock.tryLock()) {
            if (m.clock.interrupt()) {
                return new Session.Signal(true, null);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        try {
            Shell.Result result = locked(() -> commands.signal(sig));
            return new Session.Signal(result != null, result);
        } finally {
            unlock();
        }
    }

    /**
     * Lets go of the lock, and closes the session if close() was asked meanwhile: close() raises
     * the flag before it tries the lock, and this reads it after letting go, so one of the two
     * sees the other (the flag and the lock's state are both volatile).
     */
    private void unlock() {
        lock.unlock();
        if (closeRequested && !lock.isHeldByCurrentThread()) {
            closeIfRequested();
        }
    }

    /**
     * The deferred command's wall time has passed: its remaining records go out, its event to the
     * journal, and the session's wall clock starts again from now.
     */
    void deliver() {
        lock.lock();
        try {
            if (commands.deliver()) {
                lastWall = wallNanos.getAsLong();
                if (!closed) {
                    flushJournal();
                }
            }
        } finally {
            unlock();
        }
    }

    /** Redoes the deferred command interrupted {@code elapsedNanos} into its wall time (see Session.interruptDeferred). */
    Shell.Result interruptDeferred(long elapsedNanos) {
        lock.lock();
        try {
            if (!commands.deferredTail() || closed) {
                return null;
            }
            Shell.Result r = commands.interruptDeferred(elapsedNanos);
            if (r == null) {
                return null;
            }
            lastWall = wallNanos.getAsLong();
            flushJournal();
            return r;
        } finally {
            unlock();
        }
    }

    /**
     * While the page is open, time follows the wall clock even between requests: a timer module
     * ticks in the live dmesg pane. Does nothing if a request holds the session (it moves time itself).
     */
    void passTime() {
        if (!limits.followWallClock() || !lock.tryLock()) {
            return;
        }
        try {
            if (!closed) {
                catchUp();
            }
        } finally {
            unlock();
        }
    }

    /** Idle wall time since the last request passes in the kernel (interactive sessions only). */
    private void catchUp() {
        long now = wallNanos.getAsLong();
        if (commands.deferredTail()) {
            return;     // a deferred command's wall time is still passing: it is its time, not idle time
        }
        if (!limits.followWallClock()) {
            lastWall = now;
            return;
        }
        long idle = now - lastWall;
        if (idle >= MIN_IDLE_NANOS) {
            m.apply(new Event.TimePassed(idle));
            lastWall = now;
        }
    }

    /**
     * Ends the session: listeners stop, later calls fail with 404. Never waits for the lock: if a
     * job holds it (a long command, perhaps parked between two time slices), the job's thread
     * closes the session as it lets go (see unlock). Returns whether it is closed on return.
     */
    boolean close() {
        closeRequested = true;
        return closeIfRequested();
    }

    /** Closes the session if close() was asked and the lock is free now; whether it is closed. */
    private boolean closeIfRequested() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (!closed) {
                closeLocked();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        try {
            commands.endDeferred();
            flushJournal(true);     // parked or drained: the idle time at the end, a command not yet delivered
        } catch (SessionException stale) {
            // another node has this session's log now; this copy has nothing to add
        }
        closed = true;
        m.unsubscribeKernel();
        m.shell.shutdown();
        m.kernel.release();
        streams.close();
    }

    /** From now on new events also go to {@code journal}; the first {@code already} are there. */
    void journalTo(Session.Journal to, int already) {
        lock.lock();
        try {
            journal.attach(to, already);
            flushJournal();
        } finally {
            unlock();
        }
    }

    private void flushJournal() {
        flushJournal(false);
    }

    /** Appends the new events to the journal (see JournalWriter.flush). */
    private void flushJournal(boolean all) {
        journal.flush(id, m.events, commands.deferredTail(), all, wallNanos);
    }
}
