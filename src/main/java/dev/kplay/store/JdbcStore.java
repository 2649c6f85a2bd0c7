package dev.kplay.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/*
 * The Store over JDBC, in SQL that H2 and PostgreSQL both run (the schema is Flyway's
 * db/migration). Links are insert-once: a duplicate id is the same content (the id is its hash),
 * so a lost race is not an error. An append checks the log's length and writes its rows
 * atomically, and the (session_id, seq) key makes two writers of one log fail instead of
 * interleave. A session's request appends an event or two (the idle time before it, the event):
 * such an append is one statement (an INSERT whose SELECT yields the rows only if the log's last
 * seq is the one before them), a single round trip in autocommit; a longer one (a scenario's
 * replay) is a transaction that checks, then inserts a batch.
 */

/** A Store on a DataSource whose schema Flyway has migrated. */
public final class JdbcStore implements Store {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public JdbcStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public boolean putLink(String id, String json) {
        if (link(id).isPresent()) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO link (id, scenario) VALUES (?, ?)", id, json);
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    @Override
    public Optional<String> link(String id) {
        List<String> rows = jdbc.queryForList("SELECT scenario FROM link WHERE id = ?", String.class, id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Most events an append writes with one statement (appendOne); more go in a transaction. */
    private static final int ONE_STATEMENT = 8;

    /** appendOne's statement for 1..ONE_STATEMENT events. */
    private static final String[] APPEND = new String[ONE_STATEMENT + 1];

    static {
        for (int n = 1; n <= ONE_STATEMENT; n++) {
            String row = "(CAST(? AS VARCHAR(64)), CAST(? AS INTEGER), CAST(? AS TEXT))";
            APPEND[n] = "INSERT INTO session_event (session_id, seq, event) SELECT v.session_id, v.seq, v.event"
                    + " FROM (VALUES " + String.join(", ", java.util.Collections.nCopies(n, row))
                    + ") AS v (session_id, seq, event)"
                    + " WHERE COALESCE((SELECT e.seq FROM session_event e WHERE e.session_id = ?"
                    + " ORDER BY e.session_id DESC, e.seq DESC LIMIT 1), -1) = ?";
        }
    }

    /**
     * A short append in one statement: its rows come from a SELECT whose WHERE compares the log's
     * last seq (one step down the key's index, as eventCount) with the one before them.
     */
    private void appendOne(String sessionId, int firstSeq, List<String> eventsJson) {
        int n = eventsJson.size();
        Object[] args = new Object[3 * n + 2];
        for (int i = 0; i < n; i++) {
            args[3 * i] = sessionId;
            args[3 * i + 1] = firstSeq + i;
            args[3 * i + 2] = eventsJson.get(i);
        }
        args[3 * n] = sessionId;
        args[3 * n + 1] = firstSeq - 1;
        int rows;
        try {
            rows = jdbc.update(APPEND[n], args);
        } catch (DuplicateKeyException raced) {
            throw new IllegalStateException("event log of " + sessionId + " was written concurrently", raced);
        }
        if (rows != n) {
            throw new IllegalStateException("event log of " + sessionId + " has " + eventCount(sessionId)
                    + " events, not " + firstSeq);
        }
    }

    @Override
    public void appendEvents(String sessionId, int firstSeq, List<String> eventsJson) {
        if (eventsJson.isEmpty()) {
            return;
        }
        if (eventsJson.size() <= ONE_STATEMENT) {
            appendOne(sessionId, firstSeq, eventsJson);
            return;
        }
        try {
            tx.executeWithoutResult(status -> {
                int length = eventCount(sessionId);
                if (length != firstSeq) {
                    throw new IllegalStateException("event log of " + sessionId + " has " + length
                            + " events, not " + firstSeq);
                }
                List<Object[]> rows = new ArrayList<>(eventsJson.size());
                for (int i = 0; i < eventsJson.size(); i++) {
                    rows.add(new Object[] {sessionId, firstSeq + i, eventsJson.get(i)});
                }
                jdbc.batchUpdate("INSERT INTO session_event (session_id, seq, event) VALUES (?, ?, ?)", rows);
            });
        } catch (DuplicateKeyException raced) {
            throw new IllegalStateException("event log of " + sessionId + " was written concurrently", raced);
        }
    }

    @Override
    public List<String> events(String sessionId) {
        return jdbc.queryForList("SELECT event FROM session_event WHERE session_id = ? ORDER BY seq",
                String.class, sessionId);
    }

    @Override
    public int eventCount(String sessionId) {
        // A log's rows are numbered 0..n-1 without gaps (appendEvents checks the length before each
        // append), so its length is its last seq + 1: one step down the primary key's index, where
        // COUNT(*) walks every row of the log, on every request.
        List<Integer> last = jdbc.queryForList("SELECT seq FROM session_event WHERE session_id = ?"
                + " ORDER BY session_id DESC, seq DESC LIMIT 1", Integer.class, sessionId);
        return last.isEmpty() ? 0 : last.get(0) + 1;
    }

    @Override
    public void deleteEvents(String sessionId) {
        jdbc.update("DELETE FROM session_event WHERE session_id = ?", sessionId);
    }

    @Override
    public List<String> sessionIds() {
        return jdbc.queryForList("SELECT DISTINCT session_id FROM session_event", String.class);
    }
}
