package dev.kplay.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.kernel.mm.PageBudget;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.session.SessionRegistry;
import dev.kplay.store.JdbcStore;
import dev.kplay.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/*
 * Problems 5 and 6: a session idle past the timeout leaves memory and comes back by replay with
 * the same bytes, reads alone do not keep it, and a server that stops (the registry and its
 * database connection gone) and starts again on the same H2 file serves every session identical.
 */

/** Parking and restarts, on the embedded store's files. */
class RestartTest {
    static final String HELLO = """
            #include <linux/module.h>
            #include <linux/init.h>
            static int __init hello_init(void) { pr_info("hello %d\\n", 42); return 0; }
            static void __exit hello_exit(void) { pr_info("bye\\n"); }
            module_init(hello_init);
            module_exit(hello_exit);
            MODULE_LICENSE("GPL");
            """;

    final AtomicLong wall = new AtomicLong(1_000_000_000L);
    final SessionLimits limits = new SessionLimits(50, Duration.ofMinutes(10), 65536, 32, 1000, 2000, 20_000, false);

    static Store storeAt(Path dir) {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("kplay") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcStore(ds);
    }

    SessionRegistry server(Store store) {
        return new SessionRegistry(Kbuild::build, limits, wall::get, new PageBudget(256L << 20), store);
    }

    /** Everything a user can see of a session. */
    static String view(Session s) {
        return s.dmesg() + "\n--\n" + s.fileNames() + "\n--\n" + s.snapshot();
    }

    @Test
    void idleSessionsParkAndComeBackIdentical() throws Exception {
        Path dir = Files.createTempDirectory("kplay-park-");
        SessionRegistry reg = server(storeAt(dir));
        Session s = reg.create(null);
        s.putFile("hello.c", HELLO);
        s.build();
        s.exec("insmod hello.ko", null);
        String before = view(s);
        wall.addAndGet(Duration.ofMinutes(5).toNanos());
        s.dmesg();
        wall.addAndGet(Duration.ofMinutes(6).toNanos());
        assertEquals(1, reg.evictIdle(), "reads alone do not keep a session in memory");
        assertEquals(0, reg.size());
        Session back = reg.get(s.id());
        assertNotEquals(s, back);
        assertEquals(before, view(back), "a parked session comes back with the same bytes");
        assertEquals(1, reg.restoredCount());
        assertTrue(back.exec("rmmod hello", null).exitCode() == 0);
        assertTrue(back.dmesg().endsWith("bye\n"), back.dmesg());
    }

    @Test
    void aRestartLosesNothing() throws Exception {
        Path dir = Files.createTempDirectory("kplay-restart-");
        String id;
        String before;
        {
            SessionRegistry first = server(storeAt(dir));
            Session s = first.create(null);
            id = s.id();
            s.putFile("hello.c", HELLO);
            s.build();
            s.exec("insmod hello.ko", null);
            s.exec("echo '<4>kplay: before the restart' > /dev/kmsg", null);
            before = view(s);
            assertEquals(1, first.parkAll(), "SIGTERM's drain");
        }
        long t0 = System.nanoTime();
        SessionRegistry second = server(storeAt(dir));
        Session s = second.get(id);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(before, view(s), "after a restart the session is identical");
        System.out.println("[reliability] restart: session rebuilt by replay in " + ms + " ms (new store connection included)");
        s.exec("rmmod hello", null);
        assertTrue(s.dmesg().endsWith("bye\n"));
        second.delete(id);
        assertEquals(0, storeAt(dir).eventCount(id), "DELETE removes the log from the store too");
    }

    @Test
    void aStaleCopyIsDroppedWhenAnotherNodeMovedOn() throws Exception {
        Path dir = Files.createTempDirectory("kplay-nodes-");
        Store shared = storeAt(dir);
        SessionRegistry a = server(shared);
        SessionRegistry b = server(shared);
        Session onA = a.create(null);
        onA.putFile("hello.c", HELLO);
        Session onB = b.get(onA.id());
        onB.build();
        onB.exec("insmod hello.ko", null);
        Session again = a.get(onA.id());
        assertNotEquals(onA, again, "node A rebuilds the session B extended");
        assertEquals(view(onB), view(again));
    }
}
