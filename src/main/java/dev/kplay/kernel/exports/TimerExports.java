package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.time.Clock;
import dev.kplay.kernel.time.Timers;

/*
 * Time as modules read it and the timers they arm (kernel/time/): jiffies and jiffies_64 (kernel
 * variables the tick keeps current), the jiffies/msecs/usecs conversions of 6.1 at HZ=250, the
 * ktime_get family over the one virtual clock, timer_list timers and hrtimers. What fires when is
 * Timers' business; these are the entry points.
 */

/** Clock, conversion, timer_list and hrtimer exports. */
final class TimerExports {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Timers timers;
    private final Clock clock;

    TimerExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.timers = k.timers();
        this.clock = k.clock();
    }

    void register() {
        clock();
        timerList();
        hrtimers();
    }

    private void clock() {
        long jiffies = t.object("jiffies", 8);
        long jiffies64 = t.object("jiffies_64", 8);
        mem.store(jiffies, 8, clock.jiffies());
        mem.store(jiffies64, 8, clock.jiffies());
        clock.onTick(j -> {
            mem.store(jiffies, 8, j);
            mem.store(jiffies64, 8, j);
        });
        t.function("get_jiffies_64", 0x20, (a, s) -> clock.jiffies());
        t.function("jiffies_to_msecs", 0x20, (a, s) -> (a[0] & 0xffffffffL) * (1000 / Clock.HZ) & 0xffffffffL);
        t.function("jiffies_to_usecs", 0x20, (a, s) -> (a[0] & 0xffffffffL) * (1_000_000 / Clock.HZ) & 0xffffffffL);
        t.function("jiffies64_to_msecs", 0x20, (a, s) -> a[0] * (1000 / Clock.HZ));
        t.function("jiffies64_to_nsecs", 0x20, (a, s) -> a[0] * Clock.NSEC_PER_JIFFY);
        t.function("__msecs_to_jiffies", 0x30, (a, s) -> SchedExports.msecsToJiffies(a[0] & 0xffffffffL));
        t.function("__usecs_to_jiffies", 0x30, (a, s) -> ((a[0] & 0xffffffffL) + 3999) / 4000);
        t.function("nsecs_to_jiffies", 0x20, (a, s) -> Long.divideUnsigned(a[0], Clock.NSEC_PER_JIFFY));
        t.function("nsecs_to_jiffies64", 0x20, (a, s) -> Long.divideUnsigned(a[0], Clock.NSEC_PER_JIFFY));
        t.function("round_jiffies", 0x40, (a, s) -> roundJiffies(a[0]));
        t.function("__round_jiffies", 0x40, (a, s) -> roundJiffies(a[0]));
        t.function("round_jiffies_relative", 0x40, (a, s) -> roundJiffies(a[0] + clock.jiffies()) - clock.jiffies());
        t.function("ktime_get", 0xa0, (a, s) -> clock.now());
        t.function("ktime_get_raw", 0xa0, (a, s) -> clock.now());
        t.function("ktime_get_mono_fast_ns", 0x60, (a, s) -> clock.now());
        t.function("ktime_get_boottime", 0x40, (a, s) -> clock.now());
        t.function("ktime_get_seconds", 0x20, (a, s) -> clock.now() / 1_000_000_000L);
        t.function("ktime_get_real", 0x40, (a, s) -> realNs());
        t.function("ktime_get_real_seconds", 0x20, (a, s) -> realNs() / 1_000_000_000L);
        t.function("ktime_get_ts64", 0x100, (a, s) -> timespec(a[0], clock.now()));
        t.function("ktime_get_real_ts64", 0x100, (a, s) -> timespec(a[0], realNs()));
        t.function("ktime_get_coarse_real_ts64", 0x60, (a, s) -> timespec(a[0], realNs()));
    }

    /** Models round_jiffies(): to the next whole second (HZ multiple), as on CPU 0. */
    private long roundJiffies(long j) {
        long rem = j % Clock.HZ;
        long r = rem < Clock.HZ / 4 ? j - rem : j - rem + Clock.HZ;
        return r <= clock.jiffies() ? j : r;
    }

    /** CLOCK_REALTIME: the boot's wall-clock time (a fixed date) plus the time since boot. */
    private long realNs() {
        return 1_795_668_969_000_000_000L + clock.now();
    }

    private long timespec(long ts, long ns) {
        mem.store(ts, 8, ns / 1_000_000_000L);
        mem.store(ts + 8, 8, ns % 1_000_000_000L);
        return 0;
    }

    private void timerList() {
        t.function("init_timer_key", 0x60, (a, s) -> {
            mem.store(a[0], 8, 0);
            mem.store(a[0] + 8, 8, 0);
            mem.store(a[0] + 24, 8, a[1]);
            mem.store(a[0] + 32, 4, a[2]);
            return 0;
        });
        t.function("mod_timer", 0x60, (a, s) -> timers.modTimer(a[0], a[1]));
        t.function("add_timer", 0x40, (a, s) -> {
            timers.modTimer(a[0], mem.load(a[0] + 16, 8));
            return 0;
        });
        t.function("add_timer_on", 0x40, (a, s) -> {
            timers.modTimer(a[0], mem.load(a[0] + 16, 8));
            return 0;
        });
        t.function("mod_timer_pending", 0x60, (a, s) -> timers.pending(a[0]) ? timers.modTimer(a[0], a[1]) : 0);
        t.function("timer_reduce", 0x60, (a, s) -> {
            if (timers.pending(a[0]) && mem.load(a[0] + 16, 8) - a[1] <= 0) {
                return 1;
            }
            return timers.modTimer(a[0], a[1]);
        });
        t.function("del_timer", 0x40, (a, s) -> timers.delTimer(a[0]));
        t.function("try_to_del_timer_sync", 0x40, (a, s) -> timers.delTimer(a[0]));
        t.function("del_timer_sync", 0x60, (a, s) -> timers.delTimer(a[0]));
    }

    private void hrtimers() {
        t.function("hrtimer_init", 0x80, (a, s) -> {
            for (int i = 0; i < 64; i += 8) {
                mem.store(a[0] + i, 8, 0);
            }
            mem.store(a[0] + 57, 1, (a[2] & 1) != 0 ? 1 : 0);
            return 0;
        });
        t.function("hrtimer_start_range_ns", 0x100, (a, s) -> {
            long when = (a[3] & 1) != 0 ? clock.now() + a[1] : a[1];
            timers.hrtimerStart(a[0], when);
            return 0;
        });
        t.function("hrtimer_cancel", 0x40, (a, s) -> timers.delTimer(a[0]));
        t.function("hrtimer_try_to_cancel", 0x60, (a, s) -> timers.delTimer(a[0]));
        t.function("hrtimer_active", 0x40, (a, s) -> timers.pending(a[0]) || (mem.load(a[0] + 56, 1) & 1) != 0 ? 1 : 0);
        t.function("hrtimer_forward", 0x80, (a, s) -> {
            long expires = mem.load(a[0] + Timers.HRTIMER_EXPIRES, 8);
            long now = a[1];
            long interval = a[2];
            long delta = now - expires;
            if (delta < 0 || interval <= 0) {
                return 0;
            }
            long orun = delta / interval + 1;
            expires += orun * interval;
            mem.store(a[0] + Timers.HRTIMER_EXPIRES, 8, expires);
            mem.store(a[0] + Timers.HRTIMER_EXPIRES + 8, 8, expires);
            return orun;
        });
    }
}
