package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/*
 * The Build button's per-session time budget: a burst of build time, refilled at a fraction of
 * wall time. A toolchain that "takes" 40 s of the fake wall clock per build shows it: two builds
 * fit the 60 s burst, the third is refused with a wait, and after that wait builds run again.
 */

/** Per-session build time budget. */
class BuildBudgetTest {
    final AtomicLong wall = new AtomicLong(-5_000_000_000L);   // nanoTime may be negative
    final Toolchain slow = files -> {
        wall.addAndGet(40_000_000_000L);
        return new BuildResult(false, "make: nothing\n", List.of(), Map.of());
    };

    @Test
    void buildsPastTheBudgetAreRefusedUntilItRefills() {
        Session s = new Session("b1", slow, SessionLimits.defaults().fastForward(), wall::get);
        assertFalse(s.build().ok());
        assertFalse(s.build().ok());
        SessionException e = assertThrows(SessionException.class, s::build);
        assertEquals(SessionException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("build time"), e.getMessage());
        int events = s.events().size();
        wall.addAndGet(5 * 25_000_000_000L);
        s.build();
        assertEquals(events + 1, s.events().size(), "the refused build left no event; the next one did");
    }
}
