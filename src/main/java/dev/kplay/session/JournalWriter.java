package dev.kplay.session;

import java.util.List;
import java.util.function.LongSupplier;

/*
 * The session's side of the store: which events are in the journal already, and when the new
 * ones go there. Idle time is the one subtlety: a stretch of idle time at the end of the log may
 * still grow (see Machine's record()), so it waits until it is IDLE_STRETCH_NANOS old, and a
 * deferred command waits until it is delivered. An append that finds its number taken means
 * another node has the session now: this copy is stale.
 */

/** How far a session's event log is in its journal, and the appends that move it on. Guarded by the session's lock. */
final class JournalWriter {
    /**
     * How long a stretch of idle time at the end of the log may keep growing before it goes to the
     * journal as it is (a page left open on a ticking timer then stores one row a minute).
     */
    static final long IDLE_STRETCH_NANOS = 60_000_000_000L;

    private Session.Journal journal;
    /** Events already in the journal. */
    private int journaled;
    private volatile boolean stale;
    /** Wall time at which the idle stretch at the end of the log began. */
    private long idleStretchSince;

    /** From now on new events also go to {@code journal}; the first {@code already} are there. */
    void attach(Session.Journal journal, int already) {
        this.journal = journal;
        this.journaled = already;
    }

    int journaled() {
        return journaled;
    }

    boolean stale() {
        return stale;
    }

    /** An idle stretch began at {@code now} at the end of the log. */
    void idleStretchFrom(long now) {
        idleStretchSince = now;
    }

    /**
     * Appends the new events to the journal: all of them if {@code all}, else all but an idle
     * stretch at the end that is still young (it may grow; see IDLE_STRETCH_NANOS) and a deferred
     * command not yet delivered ({@code deferredTail}); 503 if another node wrote the log.
     */
    void flush(String id, List<Event> events, boolean deferredTail, boolean all, LongSupplier wallNanos) {
        int upTo = events.size() - (deferredTail ? 1 : 0);
        if (!all && !deferredTail && upTo > journaled && events.get(upTo - 1) instanceof Event.TimePassed
                && wallNanos.getAsLong() - idleStretchSince < IDLE_STRETCH_NANOS) {
            upTo--;
        }
        if (journal == null || upTo <= journaled) {
            return;
        }
        try {
            journal.append(id, journaled, List.copyOf(events.subList(journaled, upTo)));
            journaled = upTo;
        } catch (IllegalStateException e) {
            stale = true;
            throw new SessionException(SessionException.Kind.UNAVAILABLE,
                    "this session was changed on another node; retry to continue there");
        }
    }
}
