package dev.kplay.session;

import dev.kplay.kernel.mm.PageBudget;
import dev.kplay.store.Store;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
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
    private final PageBudget budget;
    private final Store store;
    private final Session.Journal journal;
    /** Row 0 of every session's log in the store. */
    private static final String CREATED = "{\"type\":\"created\"}";
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong restored = new AtomicLong();

    public SessionRegistry(Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos) {
        this(toolchain, limits, wallNanos, PageBudget.unlimited());
    }

    /** A registry whose sessions draw kernel memory from the server's {@code budget}. */
    public SessionRegistry(Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos, PageBudget budget) {
        this(toolchain, limits, wallNanos, budget, null);
    }

    /**
     * A registry that keeps every session's event log in {@code store} (null: in memory only), so
     * an idle session is parked there, and a restart or another node rebuilds it by replay.
     */
    public SessionRegistry(Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos, PageBudget budget,
                           Store store) {
        this.toolchain = toolchain;
        this.limits = limits;
        this.wallNanos = wallNanos;
        this.budget = budget;
        this.store = store;
        this.journal = store == null ? null : (id, first, events) ->
                store.appendEvents(id, first + 1, events.stream().map(EventCodec::write).toList());
    }

    /** Sessions parked to the store since this server started. */
    public long parkedCount() { return parked.get(); }

    /** Sessions rebuilt from the store since this server started. */
    public long restoredCount() { return restored.get(); }

    /** The live (in-memory) sessions. */
    public List<Session> live() { return List.copyOf(sessions.values()); }

    public PageBudget budget() { return budget; }

    public SessionLimits limits() { return limits; }

    /** A new session with a fresh kernel, optionally set up by a scenario (files, then commands). */
    public Session create(Scenario scenario) {
        makeRoom();
        String id = newId();
        Session s = new Session(id, toolchain, limits, wallNanos, budget);
        if (scenario != null) {
            try {
                s.runScenario(scenario);
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        journal(s, 0);
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
        Session s = Session.replay(id, log, toolchain, limits, wallNanos, budget, observer);
        journal(s, 0);
        sessions.put(id, s);
        return s;
    }

    /** The live (in-memory) session with this id, or null; no store lookup, no rebuild. */
    public Session peek(String id) {
        return id == null ? null : sessions.get(id);
    }

    /**
     * The session with this id: the live one, or else one rebuilt by replaying its log from the
     * store (parked, from before a restart, or last served by another node). A live copy whose log
     * another node has extended since is dropped and rebuilt. NOT_FOUND if there is none.
     */
    public Session get(String id) {
        Session s = id == null ? null : sessions.get(id);
        if (s != null && store != null && (s.stale() || store.eventCount(id) != s.journaled() + 1)) {
            if (sessions.remove(id, s)) {
                s.close();
            }
            s = null;
        }
        if (s == null && store != null && id != null && id.length() <= 64) {
            s = restore(id);
        }
        if (s == null) {
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such session: " + id);
        }
        return s;
    }

    /** Rebuilds a session from its log in the store; null if the store has none. One replay per id at a time. */
    private Session restore(String id) {
        List<String> json = store.events(id);
        if (json.isEmpty() || !CREATED.equals(json.get(0))) {
            return null;
        }
        makeRoom();
        return sessions.computeIfAbsent(id, k -> {
            List<Event> log = json.subList(1, json.size()).stream().map(EventCodec::read).toList();
            Session s = Session.replay(id, log, toolchain, limits, wallNanos, budget);
            s.journalTo(journal, log.size());
            restored.incrementAndGet();
            return s;
        });
    }

    /**
     * Starts a new session's log in the store: the first row says it exists (a session nobody has
     * touched yet has no events but must be found by another node), then its events, each row
     * one after the event it stands for.
     */
    private void journal(Session s, int already) {
        if (journal != null) {
            store.appendEvents(s.id(), 0, List.of(CREATED));
            s.journalTo(journal, already);
        }
    }

    /** Ends a session for good (its log leaves the store too); NOT_FOUND if there is none. */
    public void delete(String id) {
        Session s = id == null ? null : sessions.remove(id);
        boolean stored = store != null && id != null && store.eventCount(id) > 0;
        if (s == null && !stored) {
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such session: " + id);
        }
        if (s != null) {
            s.close();
        }
        if (stored) {
            store.deleteEvents(id);
        }
    }

    /**
     * Drops every live session from memory; with a store their logs are already there, so each
     * comes back by replay on its next request (a SIGTERM's drain). Returns how many.
     */
    public int parkAll() {
        int n = 0;
        for (Session s : new ArrayList<>(sessions.values())) {
            if (sessions.remove(s.id(), s)) {
                s.close();
                n++;
                if (store != null) {
                    parked.incrementAndGet();
                }
            }
        }
        return n;
    }

    public int size() { return sessions.size(); }

    /**
     * Drops every session idle for longer than the timeout from memory: parked in the store (its
     * log is there) when there is one, ended otherwise; returns how many. Reads alone (GET) do not
     * count as use, so a polling client does not pin a slot.
     */
    public int evictIdle() {
        long now = wallNanos.getAsLong();
        long timeout = limits.idleTimeout().toNanos();
        int n = 0;
        for (Session s : new ArrayList<>(sessions.values())) {
            if (now - s.lastUsedNanos() > timeout && sessions.remove(s.id(), s)) {
                s.close();
                n++;
                if (store != null) {
                    parked.incrementAndGet();
                }
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
