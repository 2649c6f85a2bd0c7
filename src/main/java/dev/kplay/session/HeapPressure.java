package dev.kplay.session;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.LongSupplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/*
 * How full the JVM heap really is, for admission control: what is live, not what garbage waits
 * to be collected. The heap after just any collection is no such figure: a G1 young collection
 * copies survivors into the old generation and leaves the old generation's dead objects counted
 * until a mixed or full collection cleans it, so under a steady load that figure climbs to 70-90%
 * of the heap with a live set of a third of it, and admission refused work that fitted (the
 * 200-session soak of issue 10 got 283,138 false 503s).
 *
 * The measure here is the old generation as the last collection that cleaned it left it (the old
 * pool's collection usage, which the JVM updates after mixed and full collections, not after young
 * ones) plus the young generation's survivors after the latest collection; heap pools only (the
 * earlier figure also summed Metaspace and the code cache, some 80 MiB of a 256 MiB server's "heap
 * in use"). Collectors with one
 * generation (ZGC, Shenandoah) clean everything each cycle: there the whole heap after GC is used.
 *
 * The limit must stay as strict as before: a live set that really grows must be seen. G1 skips mixed
 * collections when the old generation holds too little garbage, so a cleaned figure can go stale
 * while the old generation fills with live data. Hence: when the old generation after the latest
 * collection is above the cleaned figure and past the lowest admission threshold, and the cleaned
 * figure is older than STALE, a collection that measures it is requested (System.gc(), at most once
 * per STALE); if none has cleaned the old generation GRACE later, the uncleaned figure is used, as before. A truly full heap is refused at most
 * STALE + GRACE later than with the old measure (and a full collection, which always refreshes the
 * figure, comes before any OutOfMemoryError).
 */

/** The heap's live occupancy: old generation after its last cleaning collection, plus young survivors. */
public final class HeapPressure {
    static final long STALE_NANOS = 20_000_000_000L;
    static final long GRACE_NANOS = 10_000_000_000L;
    private static final MemoryPoolMXBean OLD = oldGeneration();

    private final long maxHeap;
    private final LongSupplier clock;
    private final Runnable confirm;
    private final long confirmAbove;
    /** the heap's pools by name (a collection's figures also list Metaspace and the code cache: not heap) */
    private final Set<String> heapPools;
    /** the old generation's pool name, or null with a one-generation collector */
    private final String oldPool;
    /** the old pool's collection usage: its occupancy after the last collection that cleaned it */
    private final LongSupplier oldCollectionUsage;
    private volatile long cleanedOld;
    private volatile long youngAfter;
    private volatile long oldAfter;
    private volatile long cleanedAt;
    private volatile long pendingSince = Long.MIN_VALUE;
    private volatile long lastAsk;

    /**
     * Watches the JVM's collectors. {@code confirmAbove}: the fraction of the heap (the lowest
     * admission threshold) from which a stale cleaned figure is confirmed by a measuring collection.
     */
    public HeapPressure(double confirmAbove) {
        this(Runtime.getRuntime().maxMemory(), confirmAbove, System::nanoTime, HeapPressure::askForCollection,
                heapPools(), OLD == null ? null : OLD.getName(), () -> OLD == null ? 0 : OLD.getCollectionUsage().getUsed());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        collected(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
                    }
                }, null, null);
            }
        }
    }

    HeapPressure(long maxHeap, double confirmAbove, LongSupplier clock, Runnable confirm, Set<String> heapPools,
                 String oldPool, LongSupplier oldCollectionUsage) {
        this.maxHeap = maxHeap;
        this.confirmAbove = (long) (maxHeap * confirmAbove);
        this.clock = clock;
        this.confirm = confirm;
        this.heapPools = heapPools;
        this.oldPool = oldPool;
        this.oldCollectionUsage = oldCollectionUsage;
        this.cleanedAt = clock.getAsLong();
    }

    private static Set<String> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
    }

    private static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            String n = p.getName();
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                    && (n.contains("Old") || n.contains("Tenured"))) {
                return p;
            }
        }
        return null;
    }

    private static void askForCollection() {
        Thread t = new Thread(System::gc, "kplay-heap-measure");
        t.setDaemon(true);
        t.start();
    }

    private void collected(GarbageCollectionNotificationInfo info) {
        collected(info.getGcInfo().getMemoryUsageAfterGc());
    }

    /** A collection's figures, by pool: heap pools only count. */
    void collected(Map<String, MemoryUsage> after) {
        long old = 0;
        long young = 0;
        for (Map.Entry<String, MemoryUsage> e : after.entrySet()) {
            if (e.getKey().equals(oldPool)) {
                old = e.getValue().getUsed();
            } else if (heapPools.contains(e.getKey())) {
                young += e.getValue().getUsed();
            }
        }
        if (oldPool == null) {
            record(young, 0, true, young);
            return;
        }
        // the JVM sets the old pool's collection usage to its usage at the end of a collection that
        // cleaned it (mixed or full): equal to this collection's old-after figure exactly then
        long cleaned = oldCollectionUsage.getAsLong();
        record(old, young, cleaned == old, cleaned);
    }

    /**
     * One collection's figures: the old generation and the young pools after it, whether it cleaned
     * the old generation, and the old generation as the last cleaning collection left it.
     */
    void record(long oldAfterGc, long youngAfterGc, boolean cleanedNow, long cleanedOldGen) {
        oldAfter = oldAfterGc;
        youngAfter = youngAfterGc;
        cleanedOld = cleanedOldGen;
        if (cleanedNow) {
            cleanedAt = clock.getAsLong();
        }
    }

    /** Live heap in bytes: the old generation after its last cleaning collection plus young survivors. */
    public long liveBytes() {
        long cleaned = cleanedOld + youngAfter;
        long uncleaned = oldAfter + youngAfter;
        long now = clock.getAsLong();
        if (uncleaned <= cleaned || uncleaned < confirmAbove || now - cleanedAt < STALE_NANOS) {
            return cleaned;
        }
        // stale, and the uncleaned figure is high enough to matter: measure, and meanwhile trust
        // the cleaned figure for GRACE at most
        long pending = pendingSince;
        if (pending == Long.MIN_VALUE || pending < cleanedAt) {
            pendingSince = now;
            lastAsk = now;
            confirm.run();
            return cleaned;
        }
        if (now - lastAsk >= STALE_NANOS) {
            lastAsk = now;
            confirm.run();
        }
        return now - pending < GRACE_NANOS ? cleaned : uncleaned;
    }

    /** Live heap as a fraction of the maximum heap (0 before any GC). */
    public double fraction() {
        return (double) liveBytes() / maxHeap;
    }

    /** Heap in use after the last collection of any kind, in bytes (live data plus uncollected old garbage). */
    public long afterLastGcBytes() {
        return oldAfter + youngAfter;
    }

    /** The maximum heap, in bytes (-Xmx). */
    public long maxBytes() {
        return maxHeap;
    }
}
