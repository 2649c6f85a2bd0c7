package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/*
 * Admission control's heap figure against the collector's pattern that gave the 200-session soak
 * its false 503s: G1 young collections that leave the old generation's garbage counted until a
 * mixed collection cleans it. The figure must ignore that garbage, yet still see a live set that
 * really grows while no collection cleans the old generation (the limit stays as strict as before).
 */

/** HeapPressure's measure: old generation after its last cleaning collection, plus young survivors. */
class HeapPressureTest {
    static final long MIB = 1 << 20;
    static final long MAX = 256 * MIB;
    static final double ADMIT_SESSIONS = 0.70;

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final AtomicInteger asked = new AtomicInteger();
    final AtomicLong oldCollectionUsage = new AtomicLong();
    final HeapPressure heap = new HeapPressure(MAX, ADMIT_SESSIONS, now::get, asked::incrementAndGet,
            Set.of("G1 Eden Space", "G1 Survivor Space", "G1 Old Gen"), "G1 Old Gen", oldCollectionUsage::get);

    void seconds(double s) {
        now.addAndGet((long) (s * 1e9));
    }

    @Test
    void oldGarbageLeftByYoungCollectionsIsNotCounted() {
        heap.record(80 * MIB, 6 * MIB, true, 80 * MIB);   // a mixed collection: the old generation holds 80 MiB live
        // young collections every 200 ms promote 2 MiB each of objects that die soon after; 12 s later
        // G1 starts marking and a mixed collection cleans them again
        for (int i = 1; i <= 60; i++) {
            seconds(0.2);
            heap.record((80 + 2 * i) * MIB, 6 * MIB, false, 80 * MIB);
            boolean oldMeasureRefuses = (double) heap.afterLastGcBytes() / MAX >= ADMIT_SESSIONS;
            if (i >= 50) {
                assertTrue(oldMeasureRefuses, "the after-any-GC figure is past the threshold at " + i);
            }
            assertEquals(86 * MIB, heap.liveBytes(), "young collection " + i);
            assertTrue(heap.fraction() < ADMIT_SESSIONS);
        }
        seconds(0.2);
        heap.record(82 * MIB, 5 * MIB, true, 82 * MIB);
        assertEquals(87 * MIB, heap.liveBytes());
        assertEquals(0, asked.get(), "nothing needed confirming");
    }

    @Test
    void aLiveSetThatGrowsWithoutCleaningIsStillSeen() {
        heap.record(80 * MIB, 6 * MIB, true, 80 * MIB);
        // the old generation fills with live data; G1 finds too little garbage for a mixed collection
        long old = 80 * MIB;
        for (int i = 0; i < 150; i++) {
            seconds(0.2);
            old += MIB;
            heap.record(old, 6 * MIB, false, 80 * MIB);
            heap.liveBytes();
        }
        // 30 s with no cleaning and 236 MiB after the latest collection: a measuring collection was asked for once
        assertEquals(1, asked.get());
        assertTrue(heap.fraction() >= ADMIT_SESSIONS, "past GRACE, the uncleaned figure is used: " + heap.fraction());
        // the measuring collection (a full one) confirms it
        seconds(1);
        heap.record(old, 0, true, old);
        assertEquals(old, heap.liveBytes());
        assertTrue(heap.fraction() >= ADMIT_SESSIONS);
    }

    @Test
    void aMeasuringCollectionThatFindsGarbageRestoresTheCleanedFigure() {
        heap.record(80 * MIB, 6 * MIB, true, 80 * MIB);
        seconds(25);
        heap.record(200 * MIB, 6 * MIB, false, 80 * MIB);
        assertEquals(86 * MIB, heap.liveBytes(), "within GRACE the cleaned figure holds");
        assertEquals(1, asked.get());
        seconds(2);
        heap.record(84 * MIB, 0, true, 84 * MIB);
        seconds(25);
        heap.record(190 * MIB, 4 * MIB, false, 84 * MIB);
        assertEquals(88 * MIB, heap.liveBytes());
        assertEquals(2, asked.get(), "a new stale period asks again");
    }

    static MemoryUsage used(long mib) {
        return new MemoryUsage(0, mib * MIB, 256 * MIB, 256 * MIB);
    }

    @Test
    void onlyHeapPoolsCount() {
        oldCollectionUsage.set(90 * MIB);
        heap.collected(Map.of("G1 Eden Space", used(0), "G1 Survivor Space", used(8), "G1 Old Gen", used(90),
                "Metaspace", used(52), "CodeHeap 'non-profiled nmethods'", used(20), "Compressed Class Space", used(7)));
        assertEquals(98 * MIB, heap.liveBytes(), "Metaspace and the code cache are not heap");
        assertEquals(98 * MIB, heap.afterLastGcBytes());
        heap.collected(Map.of("G1 Eden Space", used(0), "G1 Survivor Space", used(6), "G1 Old Gen", used(130),
                "Metaspace", used(52)));
        assertEquals(96 * MIB, heap.liveBytes(), "a young collection: old garbage not counted");
        assertEquals(136 * MIB, heap.afterLastGcBytes());
    }

    @Test
    void theRealCollectorsAreWatched() throws Exception {
        HeapPressure real = new HeapPressure(ADMIT_SESSIONS);
        long end = System.nanoTime() + 10_000_000_000L;
        while (real.afterLastGcBytes() == 0 && System.nanoTime() < end) {
            System.gc();
            Thread.sleep(100);
        }
        assertTrue(real.afterLastGcBytes() > 0, "a collection was seen");
        assertTrue(real.liveBytes() > 0 && real.liveBytes() <= real.maxBytes(), "live " + real.liveBytes());
    }
}
