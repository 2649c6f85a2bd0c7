package dev.kplay.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The Store contract on a real PostgreSQL server started for the test (see PostgresServer). */
class PostgresStoreTest extends StoreContract {
    private static PostgresServer pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        pg.reset();
    }

    @Override
    String url() { return pg.jdbcUrl(); }

    @Override
    String user() { return pg.user(); }
}
