package dev.kplay.session;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/*
 * Time as one command sees it while it sleeps. Virtual time always passes in the same fixed
 * steps, so a replay makes exactly the same advanceTime calls; an interactive command also waits
 * the matching wall time, until its request's deadline (then the rest is fast-forwarded). A
 * Ctrl-C from another thread ends the sleep at a step boundary; how far the command had slept is
 * recorded, and a replay ends the sleep at that same point.
 *
 * A deferred command (the web's: no thread may wait) runs at full speed instead and only counts
 * the wall time its sleeps and waits would have taken (its debt, up to its deadline), noting at
 * each step where a Ctrl-C would have been seen: the server delivers its result and its log
 * records when that wall time has passed, and a Ctrl-C meanwhile redoes it interrupted there.
 */

/** The sleeping clock of the command a session is running. */
final class CommandClock {
    private static final long STEP_NANOS = 10_000_000L;

    private final LongSupplier wallNanos;
    private final LongConsumer advance;
    /** Set by another thread (Ctrl-C); read at each step. */
    private volatile boolean interruptRequested;
    private volatile boolean running;
    private boolean pacing;
    private long wallDeadline;
    private long slept;
    /** Live: where a Ctrl-C ended the sleep (-1 if none). Replay: where to end it (-1: never). */
    private long interruptAt = -1;
    private boolean replaying;
    /** Deferred: wall time owed so far, its cap, and the (debt, slept) of each step's look for a Ctrl-C. */
    private boolean deferred;
    private long debt;
    private long debtCap;
    private long[] checks = new long[0];
    private int nChecks;

    CommandClock(LongSupplier wallNanos, LongConsumer advance) {
        this.wallNanos = wallNanos;
        this.advance = advance;
    }

    /** A live command starts: pace by wall time (or not) until {@code timeoutMs} from now. */
    void startLive(boolean pace, long timeoutMs) {
        interruptRequested = false;
        pacing = pace;
        wallDeadline = wallNanos.getAsLong() + timeoutMs * 1_000_000L;
        slept = 0;
        interruptAt = -1;
        replaying = false;
        running = true;
    }

    /** A deferred command starts: full speed, its sleeps and waits counted as wall time owed, up to {@code timeoutMs}. */
    void startDeferred(long timeoutMs) {
        startLive(false, timeoutMs);
        deferred = true;
        debt = 0;
        debtCap = timeoutMs * 1_000_000L;
        nChecks = 0;
    }

    /** Wall time the deferred command owes so far. */
    long debt() {
        return deferred ? debt : 0;
    }

    /**
     * Where a Ctrl-C raised {@code elapsed} nanoseconds into a deferred command's wall time would
     * have ended its sleep (the slept time the first later step saw), or -1 if no step was left.
     */
    long interruptPointAt(long elapsed) {
        for (int i = 0; i < nChecks; i++) {
            if (checks[2 * i] >= elapsed) {
                return checks[2 * i + 1];
            }
        }
        return -1;
    }

    /** A recorded command is replayed: no pacing, and a Ctrl-C at the recorded point. */
    void startReplay(long interruptAfterNanos) {
        deferred = false;
        pacing = false;
        slept = 0;
        interruptAt = interruptAfterNanos;
        replaying = true;
        running = true;
    }

    /** The command ended; returns where a Ctrl-C ended its sleep, or -1. */
    long stop() {
        running = false;
        pacing = false;
        deferred = false;
        return replaying ? -1 : interruptAt;
    }

    /** Ctrl-C from another thread: true if a command is running to receive it. */
    boolean interrupt() {
        if (!running) {
            return false;
        }
        interruptRequested = true;
        return true;
    }

    /**
     * A live command's task waits in the kernel for {@code nanos} of virtual time (an msleep() in
     * init): the same wall time passes, up to the request's deadline. Only wall time: the kernel
     * moves its own clock, so this changes nothing a replay could see, and a Ctrl-C does not end
     * it (a task asleep in the kernel sees the signal only when its wait ends).
     */
    void pace(long nanos) {
        if (deferred && nanos > 0) {
            debt += Math.max(0, Math.min(nanos, debtCap - debt));
            return;
        }
        if (!pacing || nanos <= 0) {
            return;
        }
        long wait = Math.min(nanos, wallDeadline - wallNanos.getAsLong());
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                pacing = false;
            }
        }
    }

    /** Lets {@code nanos} pass; false if a Ctrl-C ended the sleep first. */
    boolean sleep(long nanos) {
        long done = 0;
        long step = Math.max(STEP_NANOS, nanos / 1000);
        while (done < nanos) {
            if (replaying && interruptAt >= 0 && slept >= interruptAt) {
                return false;
            }
            if (!replaying && interruptRequested) {
                interruptRequested = false;
                interruptAt = slept;
                return false;
            }
            long s = Math.min(step, nanos - done);
            if (deferred && (debt + s <= debtCap || nChecks == 0 || checks[2 * nChecks - 2] < debt)) {
                // the steps within the deadline, and the first one past it (a live command sees a
                // Ctrl-C raised just before its deadline there)
                if (2 * nChecks + 2 > checks.length) {
                    checks = java.util.Arrays.copyOf(checks, Math.max(64, checks.length * 2));
                }
                checks[2 * nChecks] = debt;
                checks[2 * nChecks + 1] = slept;
                nChecks++;
                if (debt + s <= debtCap) {
                    debt += s;
                }
            }
            if (pacing && wallNanos.getAsLong() + s <= wallDeadline) {
                try {
                    Thread.sleep(s / 1_000_000L, (int) (s % 1_000_000L));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    pacing = false;
                }
            }
            advance.accept(s);
            done += s;
            slept += s;
        }
        return true;
    }
}
