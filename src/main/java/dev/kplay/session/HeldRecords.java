package dev.kplay.session;

import dev.kplay.kernel.printk.LogRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/*
 * The kernel log records of a deferred command (see CommandClock): it ran at full speed, so each
 * record waits here with the wall time into the command at which it was printed, and goes out to
 * the session's streams when that much wall time has passed. A Ctrl-C that redoes the command
 * needs to know how many of them went out already.
 */

/** Log records held back until their wall time. Thread-safe. */
final class HeldRecords {
    private final List<LogRecord> records = new ArrayList<>();
    private final List<Long> at = new ArrayList<>();
    private final Set<LogRecord> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private int released;

    /** Holds r until {@code atNanos} of the command's wall time. */
    synchronized void hold(LogRecord r, long atNanos) {
        records.add(r);
        at.add(atNanos);
        pending.add(r);
    }

    /** Whether any record is still held. */
    synchronized boolean any() {
        return released < records.size();
    }

    /** Whether r is held (not yet sent to the streams). */
    synchronized boolean holds(LogRecord r) {
        return pending.contains(r);
    }

    /** The distinct wall times (into the command) at which held records fall due, in order. */
    synchronized List<Long> dueTimes() {
        List<Long> due = new ArrayList<>();
        for (int i = released; i < at.size(); i++) {
            if (due.isEmpty() || due.get(due.size() - 1) < at.get(i)) {
                due.add(at.get(i));
            }
        }
        return due;
    }

    /** Sends every record due by {@code elapsedNanos} to {@code out}, in order. */
    synchronized void release(long elapsedNanos, Consumer<LogRecord> out) {
        while (released < records.size() && at.get(released) <= elapsedNanos) {
            LogRecord r = records.get(released++);
            pending.remove(r);
            out.accept(r);
        }
    }

    /** How many records went out so far. */
    synchronized int releasedCount() {
        return released;
    }

    /** Forgets everything (the command is delivered, or redone). */
    synchronized void clear() {
        records.clear();
        at.clear();
        pending.clear();
        released = 0;
    }
}
