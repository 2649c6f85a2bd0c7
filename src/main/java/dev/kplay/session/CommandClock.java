package dev.kplay.session;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/*
 * Time as one command sees it while it sleeps. Virtual time always passes in the same fixed
 * steps, so a replay makes exactly the same advanceTime calls; an interactive command also waits
 * the matching wall time, until its request's deadline (then the rest is fast-forwarded). A
 * Ctrl-C from another thread ends the sleep at a step boundary; how far the command had slept is
 * recorded, and a replay ends the sleep at that same point.
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

    /** A recorded command is replayed: no pacing, and a Ctrl-C at the recorded point. */
    void startReplay(long interruptAfterNanos) {
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
