package dev.kplay.session;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/*
 * How full the JVM heap really is: the heap in use right after the latest garbage collection
 * (what survived it), as a fraction of the maximum heap. Sampled from the collector's own
 * notifications, so reading it costs nothing and garbage waiting to be collected never counts.
 * Admission control compares it with its thresholds before it lets a request allocate.
 */

/** The heap's occupancy after the last GC. */
public final class HeapPressure {
    private final long maxHeap = Runtime.getRuntime().maxMemory();
    private volatile long liveAfterGc;

    public HeapPressure() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = 0;
                        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                            used += u.getUsed();
                        }
                        liveAfterGc = used;
                    }
                }, null, null);
            }
        }
    }

    /** Heap in use after the last collection, as a fraction of the maximum heap (0 before any GC). */
    public double fraction() {
        return (double) liveAfterGc / maxHeap;
    }

    /** Heap in use after the last collection, in bytes. */
    public long liveBytes() {
        return liveAfterGc;
    }

    /** The maximum heap, in bytes (-Xmx). */
    public long maxBytes() {
        return maxHeap;
    }
}
