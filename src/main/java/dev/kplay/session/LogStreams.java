package dev.kplay.session;

import dev.kplay.kernel.printk.LogRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/*
 * Where a session's output goes besides a request's answer: the kernel log records streamed to
 * the dmesg panes, the terminal output that comes between requests, and who is told when the
 * session ends. A record is sent at once, held for a deferred command until its wall time, or
 * muted while a Ctrl-C redoes that command. Kept apart from the event machine because none of it
 * is history: a replay rebuilds the kernel, never the listeners.
 */

/** The session's log and terminal listeners, and the records held back from them. */
final class LogStreams {
    private final List<Consumer<LogRecord>> logListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    /** Who is shown terminal output that comes between requests (a running job's late output). */
    private final List<Consumer<String>> terminalListeners = new CopyOnWriteArrayList<>();
    /** A deferred command's log records, waiting for their wall time. */
    final HeldRecords held = new HeldRecords();
    /** Records go here instead of to the listeners while set (a Ctrl-C redoing a deferred command). */
    List<LogRecord> muted;
    /** A deferred command's records are held while it runs. */
    boolean deferring;

    /** A new kernel log record: to the listeners, or held for a deferred command ({@code debt} into it), or muted. */
    void publish(LogRecord r, LongSupplier debt) {
        if (muted != null) {
            muted.add(r);
        } else if (deferring) {
            held.hold(r, debt.getAsLong());
        } else {
            send(r);
        }
    }

    /** Hands a record to every log listener (a listener that throws is dropped). */
    void send(LogRecord r) {
        for (Consumer<LogRecord> l : logListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                logListeners.remove(l);
            }
        }
    }

    /** Sends every held record, due or not, and forgets them. */
    void releaseAllHeld() {
        held.release(Long.MAX_VALUE, this::send);
        held.clear();
    }

    /** Terminal output between requests goes to the terminal listeners (not while muted). */
    void terminal(String late) {
        if (muted == null) {
            for (Consumer<String> l : terminalListeners) {
                l.accept(late);
            }
        }
    }

    /**
     * Streams {@code backlog} (up to the first record a deferred command still holds), then each
     * new record; {@code onClose} runs when the session ends. Close the handle to stop.
     */
    AutoCloseable subscribe(List<LogRecord> backlog, Consumer<LogRecord> listener, Runnable onClose) {
        for (LogRecord r : backlog) {
            if (held.holds(r)) {
                break;      // printed by a deferred command, not yet due: it comes with the others
            }
            listener.accept(r);
        }
        logListeners.add(listener);
        closeListeners.add(onClose);
        return () -> {
            logListeners.remove(listener);
            closeListeners.remove(onClose);
        };
    }

    /** Adds a log listener with no backlog and no close callback (a replay's observer). */
    void addLogListener(Consumer<LogRecord> listener) {
        logListeners.add(listener);
    }

    void removeLogListener(Consumer<LogRecord> listener) {
        logListeners.remove(listener);
    }

    AutoCloseable subscribeTerminal(Consumer<String> listener) {
        terminalListeners.add(listener);
        return () -> terminalListeners.remove(listener);
    }

    /** The session ended: the listeners stop and each close callback runs once. */
    void close() {
        logListeners.clear();
        terminalListeners.clear();
        for (Runnable r : closeListeners) {
            r.run();
        }
        closeListeners.clear();
    }
}
