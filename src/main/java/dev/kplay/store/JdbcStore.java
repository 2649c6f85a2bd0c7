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
 * interleave. A session's request appends one event, nearly always: that append is one statement
 * (an INSERT whose SELECT yields the row only if the log's last seq is the one before it), a
 * single round trip in autocommit; a longer one is a transaction that checks, then inserts a batch.
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

    /**
     * One event, only if it continues the log: the row comes from a SELECT whose WHERE compares
     * the log's last seq (one step down the key's index, as eventCount) with the one before it.
     */
    private static final String APPEND_ONE = "INSERT INTO session_event (session_id, seq, event)"
            + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS INTEGER), CAST(? AS TEXT)"
            + " WHERE COALESCE((SELECT seq FROM session_event WHERE session_id = ?"
            + " ORDER BY session_id DESC, seq DESC LIMIT 1), -1) = ?";

    @Override
    public void appendEvents(String sessionId, int firstSeq, List<String> eventsJson) {
        if (eventsJson.isEmpty()) {
            return;
        }
        if (eventsJson.size() == 1) {
            int rows;
            try {
                rows = jdbc.update(APPEND_ONE, sessionId, firstSeq, eventsJson.get(0), sessionId, firstSeq - 1);
            } catch (DuplicateKeyException raced) {
                throw new IllegalStateException("event log of " + sessionId + " was written concurrently", raced);
            }
            if (rows != 1) {
                throw new IllegalStateException("event log of " + sessionId + " has " + eventCount(sessionId)
                        + " events, not " + firstSeq);
            }
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
