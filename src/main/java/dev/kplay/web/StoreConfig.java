package dev.kplay.web;

import dev.kplay.store.JdbcStore;
import dev.kplay.store.Store;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/*
 * Wiring of the store. Spring Boot builds the DataSource from spring.datasource.url (by default
 * an H2 file under kplay.data-dir, see application.properties; a jdbc:postgresql: URL switches
 * to PostgreSQL) and runs Flyway's db/migration on it before the store is made.
 */

/** Spring wiring for the store. */
@Configuration
public class StoreConfig {

    @Bean
    @DependsOnDatabaseInitialization
    public Store store(DataSource dataSource) {
        return new JdbcStore(dataSource);
    }
}
