package dev.kplay.store;

import java.util.List;
import java.util.Optional;

/*
 * Everything kplay keeps beyond a server's lifetime, behind one small interface: short links
 * (a scenario's JSON under the id derived from its content hash) and sessions' event logs (one
 * JSON text per event, numbered from 0). The store holds opaque text: the scenario and event
 * formats belong to the scenario and session layers above it, so the store never changes when
 * they do. JdbcStore implements it over embedded H2 (the default) or PostgreSQL.
 */

/** Durable links and session event logs. Implementations are thread-safe. */
public interface Store {

    /**
     * Keeps {@code json} under {@code id} unless the id is taken: links are immutable, so the first
     * write wins and later ones (the same content, as the id is its hash) change nothing.
     *
     * @return true if this call created the link, false if the id already existed
     */
    boolean putLink(String id, String json);

    /** The JSON kept under {@code id}, or empty if there is no such link. */
    Optional<String> link(String id);

    /**
     * Appends events to a session's log, the first one numbered {@code firstSeq}. Writing a
     * number that is already there is an error (two nodes must never write one session).
     *
     * @throws IllegalStateException if {@code firstSeq} is not the log's current length
     */
    void appendEvents(String sessionId, int firstSeq, List<String> eventsJson);

    /** A session's whole log in order; empty if it has none. */
    List<String> events(String sessionId);

    /** Forgets a session's log (nothing happens if there is none). */
    void deleteEvents(String sessionId);

    /** The ids of the sessions that have a log, in no particular order. */
    List<String> sessionIds();
}
