package dev.kplay.session;

import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.List;

/*
 * How a request's command line runs on the machine: live (exec, its sleeps paced by the
 * CommandClock), deferred (at full speed, its log records held until their wall time, see
 * HeldRecords), or redone with a Ctrl-C where a live run would have seen it; and a signal to the
 * foreground job. Apart from Session because the deferred command is its own small state machine
 * (run, then delivered or redone) that the facade only has to lock around and journal after.
 * Every method runs with the session's lock held.
 */

/** The session's command runs: live, deferred, redone, and signals to the foreground job. */
final class Commands {
    private final Machine m;
    private final LogStreams streams;
    private final SessionLimits limits;
    /** The last event is a deferred command not yet delivered: not journaled, no idle time after it. */
    private boolean deferredTail;
    private String deferredCommand;

    Commands(Machine m, LogStreams streams, SessionLimits limits) {
        this.m = m;
        this.streams = streams;
        this.limits = limits;
    }

    /** Whether the last event is a deferred command not yet delivered. */
    boolean deferredTail() {
        return deferredTail;
    }

    /** The deferred command is done with (delivered, redone, or the session closed). */
    void endDeferred() {
        deferredTail = false;
    }

    /** Runs one command line live, for at most {@code timeout} ms; 409 after a panic. */
    Shell.Result exec(String command, long timeout) {
        m.refuseIfPanicked();
        Shell.Result[] r = {null};
        m.clock.startLive(limits.followWallClock(), timeout);
        long interruptedAt;
        try {
            r[0] = m.runOnKernel(command);
        } finally {
            interruptedAt = m.clock.stop();
        }
        m.record(new Event.Executed(command, interruptedAt));
        return r[0];
    }

    /** Runs a command line at full speed, its log records held: see {@link Session.Deferred}. */
    Session.Deferred execDeferred(String command, long timeout) {
        m.refuseIfPanicked();
        m.clock.startDeferred(timeout);
        streams.deferring = true;
        Shell.Result r;
        long owed;
        try {
            r = m.runOnKernel(command);
        } catch (RuntimeException e) {
            streams.releaseAllHeld();
            throw e;
        } finally {
            owed = limits.followWallClock() ? m.clock.debt() : 0;
            m.clock.stop();
            streams.deferring = false;
        }
        m.record(new Event.Executed(command, -1));
        deferredTail = true;
        deferredCommand = command;
        return new Session.Deferred(r, owed);
    }

    /** The held records go out; returns whether a deferred command was waiting to be delivered (it now is). */
    boolean deliver() {
        streams.releaseAllHeld();
        if (deferredTail) {
            deferredTail = false;
            return true;
        }
        return false;
    }

    /**
     * Redoes the deferred command with a Ctrl-C {@code elapsedNanos} into its wall time (the machine
     * rebuilt from the log before it) and sends the records not yet sent; returns its result, or null
     * if it had no sleep left to interrupt (it then goes on as it was).
     */
    Shell.Result interruptDeferred(long elapsedNanos) {
        long point = m.clock.interruptPointAt(elapsedNanos);
        if (point < 0) {
            return null;
        }
        int sent = streams.held.releasedCount();
        streams.held.clear();
        List<Event> before = new ArrayList<>(m.events.subList(0, m.events.size() - 1));
        Object[] out = {null};
        List<LogRecord> redone = m.redo(before, new Event.Executed(deferredCommand, point), out);
        for (int i = sent; i < redone.size(); i++) {
            streams.send(redone.get(i));
        }
        deferredTail = false;
        return (Shell.Result) out[0];
    }

    /** Sends {@code sig} to the foreground job blocked in the kernel; null if there is none. */
    Shell.Result signal(int sig) {
        m.refuseIfPanicked();
        if (m.shell.stuckForeground() == 0) {
            return null;
        }
        Shell.Result[] r = {null};
        m.signalled = r;
        try {
            m.apply(new Event.Signalled(sig));
        } finally {
            m.signalled = null;
        }
        return r[0];
    }
}
