package dev.kplay.cc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * The CPU limit's check as the server's slice point: reached every 4096 units of work of a
 * compilation with a budget, on the thread that has the point or a thread started with inherit()
 * (cc1's deep stack); never by a compilation without a budget, which is how libc (compiled once
 * for the server under a JVM-wide lock) never parks holding that lock.
 */

/** CpuLimit's slice point. */
class CpuLimitSliceTest {
    final AtomicInteger reached = new AtomicInteger();

    @AfterEach
    void clear() {
        CpuLimit.stop();
        CpuLimit.slicePoint(null);
    }

    @Test
    void aBudgetedCompilationReachesTheSlicePointEvery4096Ticks() {
        CpuLimit.slicePoint(reached::incrementAndGet);
        CpuLimit.start(60_000_000_000L);
        for (int i = 0; i < 3 * 4096 + 100; i++) {
            CpuLimit.tick();
        }
        assertEquals(3, reached.get());
    }

    @Test
    void aCompilationWithoutABudgetNeverReachesIt() {
        CpuLimit.slicePoint(reached::incrementAndGet);
        for (int i = 0; i < 10 * 4096; i++) {
            CpuLimit.tick();
        }
        assertEquals(0, reached.get(), "libc's compile (no budget) must not park under its lock");
    }

    @Test
    void aThreadStartedWithInheritHasThePointAndOthersDoNot() throws Exception {
        CpuLimit.slicePoint(reached::incrementAndGet);
        Runnable work = () -> {
            CpuLimit.start(60_000_000_000L);
            for (int i = 0; i < 4096; i++) {
                CpuLimit.tick();
            }
            CpuLimit.stop();
        };
        Thread inherited = new Thread(CpuLimit.inherit(work));
        inherited.start();
        inherited.join();
        assertEquals(1, reached.get());
        Thread plain = new Thread(work);
        plain.start();
        plain.join();
        assertEquals(1, reached.get(), "a thread not started for the job has no slice point");
        assertFalse(CpuLimit.compiling());
    }
}
