package dev.kplay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/*
 * What every Store must do, run against each database kplay supports (H2StoreTest,
 * PostgresStoreTest): links are insert-once and survive a new connection (a restart), event logs
 * append in order, refuse a gap or an overlap, and are deleted whole. The schema comes from the
 * same Flyway migrations the server runs.
 */

/** The Store contract; subclasses say which database. */
abstract class StoreContract {

    /** A fresh, empty database's JDBC URL (each call after the first may reuse the same database). */
    abstract String url();

    abstract String user();

    /** A store on a new connection to the database, as a restarted server makes one. */
    Store open() {
        DataSource ds = new DriverManagerDataSource(url(), user(), "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcStore(ds);
    }

    @Test
    void linksAreImmutableAndSurviveARestart() {
        Store store = open();
        String json = "{\"version\":1,\"files\":{\"a.c\":\"int x; /* \u00e9 \u2603 */\\n\"}}";
        assertTrue(store.putLink("abc123", json));
        assertFalse(store.putLink("abc123", "{\"other\":true}"), "a link is never overwritten");
        assertEquals(Optional.of(json), store.link("abc123"));
        assertEquals(Optional.empty(), store.link("nope"));

        Store restarted = open();
        assertEquals(Optional.of(json), restarted.link("abc123"));
    }

    @Test
    void largeLinksRoundTrip() {
        Store store = open();
        String big = "x".repeat(900_000);
        store.putLink("big", big);
        assertEquals(big, open().link("big").orElseThrow());
    }

    @Test
    void eventLogsAppendInOrderAndSurviveARestart() {
        Store store = open();
        store.appendEvents("s1", 0, List.of("{\"write\":\"a.c\"}", "{\"build\":true}"));
        store.appendEvents("s1", 2, List.of("{\"exec\":\"insmod a.ko\"}"));
        store.appendEvents("s2", 0, List.of("{\"reboot\":true}"));
        store.appendEvents("s2", 1, List.of());

        Store restarted = open();
        assertEquals(List.of("{\"write\":\"a.c\"}", "{\"build\":true}", "{\"exec\":\"insmod a.ko\"}"), restarted.events("s1"));
        assertEquals(List.of("{\"reboot\":true}"), restarted.events("s2"));
        assertEquals(List.of(), restarted.events("s3"));
        assertEquals(List.of("s1", "s2"), restarted.sessionIds().stream().sorted().toList());
    }

    @Test
    void anAppendMustContinueTheLogExactly() {
        Store store = open();
        store.appendEvents("s", 0, List.of("a", "b"));
        assertThrows(IllegalStateException.class, () -> store.appendEvents("s", 1, List.of("c")), "overlap");
        assertThrows(IllegalStateException.class, () -> store.appendEvents("s", 3, List.of("c")), "gap");
        assertEquals(List.of("a", "b"), store.events("s"), "a refused append writes nothing");
        assertThrows(IllegalStateException.class, () -> store.appendEvents("s", 1, List.of("c", "d")), "overlap");
        assertThrows(IllegalStateException.class, () -> store.appendEvents("s", 3, List.of("c", "d")), "gap");
        assertThrows(IllegalStateException.class, () -> store.appendEvents("t", 1, List.of("c", "d")), "gap in an empty log");
        List<String> many = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "e" + i).toList();
        assertThrows(IllegalStateException.class, () -> store.appendEvents("s", 1, many), "overlap of a long append");
        assertEquals(List.of("a", "b"), store.events("s"), "a refused append writes nothing");
        assertEquals(List.of(), store.events("t"));
        store.appendEvents("s", 2, List.of("c", "d"));
        store.appendEvents("s", 4, many);
        assertEquals(24, store.eventCount("s"));
        assertEquals("e19", store.events("s").get(23));
    }

    @Test
    void deletingALogForgetsIt() {
        Store store = open();
        store.appendEvents("gone", 0, List.of("a"));
        store.appendEvents("kept", 0, List.of("b"));
        store.deleteEvents("gone");
        store.deleteEvents("never-was");
        assertEquals(List.of(), store.events("gone"));
        assertEquals(List.of("b"), store.events("kept"));
        store.appendEvents("gone", 0, List.of("again"));
        assertEquals(List.of("again"), store.events("gone"));
    }
}
