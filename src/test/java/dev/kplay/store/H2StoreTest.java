package dev.kplay.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/** The Store contract on the default store: an H2 database in files under a data directory. */
class H2StoreTest extends StoreContract {
    private Path dir;

    @BeforeEach
    void newDataDir() throws IOException {
        dir = Files.createTempDirectory("kplay-h2-");
    }

    @Override
    String url() {
        return "jdbc:h2:file:" + dir.resolve("kplay").toAbsolutePath();
    }

    @Override
    String user() { return "sa"; }
}
