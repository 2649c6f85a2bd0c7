package dev.kplay.store;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Real stores for tests that are not about the store: a migrated in-memory H2 database each. */
public final class TestStores {
    private TestStores() {}

    /** A JdbcStore on a new in-memory H2 database with the server's schema. */
    public static Store h2InMemory() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcStore(ds);
    }
}
