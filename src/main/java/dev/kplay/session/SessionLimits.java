package dev.kplay.session;

import java.time.Duration;

/*
 * The bounds that keep one server healthy with many untrusted sessions: how many live sessions,
 * how long an idle one lives, how big a source file and how many files, how long a command may
 * hold its request, and how long the event log may grow.
 */

/**
 * Limits for sessions.
 *
 * @param maxSessions      live sessions per server (past it, sessions idle past the timeout are evicted, or creation fails)
 * @param idleTimeout      a session untouched for this long is evicted
 * @param maxSourceBytes   largest file a client may write
 * @param maxFiles         files per session
 * @param defaultTimeoutMs how long exec waits for a command when the client does not say
 * @param maxTimeoutMs     the cap on a client's timeoutMs
 * @param maxEvents        events a session may log before it refuses more (reboot or a new session starts afresh)
 * @param followWallClock  whether idle wall time passes in the kernel and sleep takes real time
 */
public record SessionLimits(int maxSessions, Duration idleTimeout, int maxSourceBytes, int maxFiles,
                            long defaultTimeoutMs, long maxTimeoutMs, int maxEvents, boolean followWallClock) {

    /** Limits for tests and embedded use. */
    public static SessionLimits defaults() {
        return new SessionLimits(200, Duration.ofMinutes(30), 64 * 1024, 32, 5000, 30_000, 20_000, true);
    }

    /** The same limits with wall-clock pacing switched off (replays and tests run at full speed). */
    public SessionLimits fastForward() {
        return new SessionLimits(maxSessions, idleTimeout, maxSourceBytes, maxFiles, defaultTimeoutMs, maxTimeoutMs,
                maxEvents, false);
    }
}
