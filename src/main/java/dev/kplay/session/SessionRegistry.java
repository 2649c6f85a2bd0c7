package dev.kplay.session;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/*
 * All live sessions of this server, by id. An id is 128 random bits the page keeps (in
 * sessionStorage, not a cookie, so an embedded page has its own). The number of sessions is
 * bounded: creating one past the limit first evicts sessions idle past the timeout, then refuses.
 */

/** The server's sessions. Thread-safe. */
public final class SessionRegistry {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Toolchain toolchain;
    private final SessionLimits limits;
    private final LongSupplier wallNanos;
    private final SecureRandom random = new SecureRandom();

    public SessionRegistry(Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos) {
        this.toolchain = toolchain;
        this.limits = limits;
        this.wallNanos = wallNanos;
    }

    public SessionLimits limits() { return limits; }

    /** A new session with a fresh kernel, optionally set up by a scenario (files, then commands). */
    public Session create(Scenario scenario) {
        makeRoom();
        String id = newId();
        Session s = new Session(id, toolchain, limits, wallNanos);
        if (scenario != null) {
            try {
                s.runScenario(scenario);
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        sessions.put(id, s);
        return s;
    }

    /**
     * A new session rebuilt from an event log at full speed (a scenario, a link), telling
     * {@code observer} what each event did; it then goes on as a live session.
     */
    public Session replay(List<Event> log, Consumer<Session.Replayed> observer) {
        makeRoom();
        String id = newId();
        Session s = Session.replay(id, log, toolchain, limits, wallNanos, observer);
        sessions.put(id, s);
        return s;
    }

    /** The session with this id; NOT_FOUND if there is none (never was, deleted, or evicted). */
    public Session get(String id) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null) {
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such session: " + id);
        }
        return s;
    }

    /** Ends a session; NOT_FOUND if there is none. */
    public void delete(String id) {
        Session s = id == null ? null : sessions.remove(id);
        if (s == null) {
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such session: " + id);
        }
        s.close();
    }

    public int size() { return sessions.size(); }

    /** Ends every session idle for longer than the timeout; returns how many. */
    public int evictIdle() {
        long now = wallNanos.getAsLong();
        long timeout = limits.idleTimeout().toNanos();
        int n = 0;
        for (Session s : new ArrayList<>(sessions.values())) {
            if (now - s.lastUsedNanos() > timeout && sessions.remove(s.id(), s)) {
                s.close();
                n++;
            }
        }
        return n;
    }

    private void makeRoom() {
        if (sessions.size() < limits.maxSessions()) {
            return;
        }
        evictIdle();
        if (sessions.size() < limits.maxSessions()) {
            return;
        }
        throw new SessionException(SessionException.Kind.UNAVAILABLE,
                "the server is full (" + limits.maxSessions() + " sessions); try again later");
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
