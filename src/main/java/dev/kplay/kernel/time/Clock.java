package dev.kplay.kernel.time;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/*
 * Virtual time (kernel/time): the one clock of a simulated kernel. It only moves when the kernel
 * says so (instructions executed, console output, sleeps, idle time from the session), which is
 * what makes every timestamp in dmesg reproducible. jiffies follow it at HZ=250 (Debian's
 * CONFIG_HZ), starting at INITIAL_JIFFIES like the real counter.
 */

/** The virtual clock. */
public final class Clock {
    public static final int HZ = 250;
    public static final long NSEC_PER_JIFFY = 1_000_000_000L / HZ;
    /** INITIAL_JIFFIES: jiffies wrap five minutes after boot, to catch wraparound bugs early. */
    public static final long INITIAL_JIFFIES = (-300L * HZ) & 0xffffffffL;

    private long nanos;
    private final List<LongConsumer> tickListeners = new ArrayList<>();

    /** Nanoseconds since boot (local_clock()). */
    public long now() {
        return nanos;
    }

    /** Moves time forward by delta nanoseconds (never backwards). */
    public void advance(long delta) {
        if (delta <= 0) {
            return;
        }
        long before = jiffies();
        nanos += delta;
        if (jiffies() != before) {
            for (LongConsumer l : tickListeners) {
                l.accept(jiffies());
            }
        }
    }

    /** Sets the time to t if that is later. */
    public void advanceTo(long t) {
        advance(t - nanos);
    }

    /** The jiffies counter. */
    public long jiffies() {
        return INITIAL_JIFFIES + nanos / NSEC_PER_JIFFY;
    }

    /** The virtual time at which jiffies reaches {@code j}. */
    public long jiffyStart(long j) {
        return (j - INITIAL_JIFFIES) * NSEC_PER_JIFFY;
    }

    /** Calls l with the new jiffies value whenever it changes (timers, the jiffies variable). */
    public void onTick(LongConsumer l) {
        tickListeners.add(l);
    }
}
