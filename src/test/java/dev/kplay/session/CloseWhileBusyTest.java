package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/*
 * Idle eviction and a SIGTERM's parking close sessions from a background thread. close() never
 * waits for the session's lock: while a long command holds it, close() returns at once and the
 * command's thread closes the session as it lets go, with the journal complete. The asserts are
 * orders (close() returned while the command still ran), not wall-clock bounds.
 */

/** Session.close() from another thread while a command holds the session. */
class CloseWhileBusyTest {
    @Test
    void closeDoesNotWaitForALongCommandAndTheCommandsThreadClosesTheSession() throws Exception {
        Session s = new Session("busy", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        List<Event> journaled = new CopyOnWriteArrayList<>();
        s.journalTo((id, first, events) -> {
            assertEquals(journaled.size(), first);
            journaled.addAll(events);
        }, 0);
        s.putFile("crunch.c", TimeSliceTest.CRUNCH);
        assertTrue(s.build().ok());
        CountDownLatch printing = new CountDownLatch(1);
        s.subscribe(-1, r -> {
            if (r.text().startsWith("crunch: loading")) {
                printing.countDown();               // the insmod holds the lock from here to its end
            }
        }, () -> { });
        Thread command = new Thread(() -> {
            try {
                s.exec("insmod crunch.ko", null);
            } catch (SessionException closedMeanwhile) {
                // not expected: the command started before close()
            }
        });
        command.start();
        assertTrue(printing.await(60, TimeUnit.SECONDS));
        boolean closedAtOnce = s.close();
        boolean commandRunning = command.isAlive();
        command.join(120_000);

        assertFalse(closedAtOnce, "the command holds the session: close() leaves it to the command's thread");
        assertTrue(commandRunning, "close() returned while the command still ran");
        SessionException after = assertThrows(SessionException.class, s::dmesg);
        assertEquals(SessionException.Kind.NOT_FOUND, after.kind());
        assertTrue(journaled.stream().anyMatch(e -> e instanceof Event.Executed x && x.command().equals("insmod crunch.ko")),
                "the command's event reached the journal before the session closed: " + journaled);
        assertTrue(s.close(), "closing a closed session is a no-op");
    }
}
