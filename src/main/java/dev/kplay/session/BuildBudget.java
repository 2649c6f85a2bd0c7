package dev.kplay.session;

/*
 * The Build button's time budget: a session may spend BURST_NANOS of build time at once, refilled
 * at one part in REFILL_DIVISOR of wall time, so one session cannot keep the build threads busy
 * for everyone. Past it the build is refused (503 with Retry-After). A token bucket of its own
 * because it is wall-time accounting, not history: a replay never rebuilds it.
 */

/** A session's build time, as a token bucket refilled by wall time. Guarded by the session's lock. */
final class BuildBudget {
    /** Build time a session may spend in one burst. */
    static final long BURST_NANOS = 60_000_000_000L;
    /** Build time comes back at 1/N of wall time (N = 5: 12 s of building per minute, sustained). */
    static final long REFILL_DIVISOR = 5;

    /** Build time left; negative after a build that overran it. */
    private long nanos = BURST_NANOS;
    /** Wall time of the last refill. */
    private long at;

    BuildBudget(long now) {
        this.at = now;
    }

    /** Refills the budget up to {@code now}; 503 if none is left. */
    void take(long now) {
        nanos = Math.min(BURST_NANOS, nanos + (now - at) / REFILL_DIVISOR);
        at = now;
        if (nanos <= 0) {
            long waitS = 1 + (-nanos * REFILL_DIVISOR) / 1_000_000_000L;
            throw new SessionException(SessionException.Kind.UNAVAILABLE, "this session has used its build time for now;"
                    + " try again in " + waitS + " s");
        }
    }

    /** A build ran for {@code spent} of wall time (what it spent parked at the end of a time slice left out). */
    void spend(long spent) {
        nanos -= spent;
    }
}
