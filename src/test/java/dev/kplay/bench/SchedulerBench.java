package dev.kplay.bench;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;

/**
 * The scheduler's two figures for {@code ./kplay bench}, in process on one session's kernel:
 * <ul>
 *   <li>a timer tick: a module whose timer_list re-arms itself every jiffy, while one second of idle
 *       time passes (250 ticks, each running the timer softirq and the callback's module code);</li>
 *   <li>a context switch: two kthreads handing a completion back and forth, each hand-off one
 *       switch (sleep, wake-up, the other task resumed on its own kernel stack).</li>
 * </ul>
 * Each is a median over repeated runs after a warm-up, per event, in microseconds.
 */
final class SchedulerBench {
    /** What one tick may cost: 250 Hz in thousands of idle sessions must stay a small part of a core. */
    static final double TICK_TARGET_US = 20;
    /** What one switch may cost: a blocking driver (read, wake, read) must stay interactive. */
    static final double SWITCH_TARGET_US = 20;
    static final int SWITCHES = 2 * 2000;

    private static final String TICKER = """
            #include <linux/jiffies.h>
            #include <linux/module.h>
            #include <linux/timer.h>
            static struct timer_list t;
            static void tick(struct timer_list *x) { mod_timer(&t, jiffies + 1); }
            static int __init ticker_init(void) { timer_setup(&t, tick, 0); mod_timer(&t, jiffies + 1); return 0; }
            static void __exit ticker_exit(void) { del_timer_sync(&t); }
            module_init(ticker_init);
            module_exit(ticker_exit);
            MODULE_LICENSE("GPL");
            """;

    private static final String PINGPONG = """
            #include <linux/completion.h>
            #include <linux/kthread.h>
            #include <linux/module.h>
            static DECLARE_COMPLETION(ping);
            static DECLARE_COMPLETION(pong);
            static DECLARE_COMPLETION(done);
            static int rounds = 2000;
            static int a(void *d) { int i; for (i = 0; i < rounds; i++) { complete(&ping); wait_for_completion(&pong); } complete(&done); return 0; }
            static int b(void *d) { int i; for (i = 0; i < rounds; i++) { wait_for_completion(&ping); complete(&pong); } return 0; }
            static int __init pp_init(void) { kthread_run(b, NULL, "pong"); kthread_run(a, NULL, "ping"); wait_for_completion(&done); return 0; }
            static void __exit pp_exit(void) { }
            module_init(pp_init);
            module_exit(pp_exit);
            MODULE_LICENSE("GPL");
            """;

    private SchedulerBench() {}

    /** Microseconds per timer tick (median of runs, less what `sleep 1` costs with no timer armed). */
    static double tickMicros(int runs) {
        Session s = session("bench-tick", "ticker.c", TICKER);
        Session idle = session("bench-idle", "ticker.c", TICKER);
        s.exec("insmod ticker.ko", 60_000L);
        long[] samples = new long[runs];
        long[] baseline = new long[runs];
        for (int i = -runs / 4; i < runs; i++) {
            long start = System.nanoTime();
            s.exec("sleep 1", 60_000L);
            long mid = System.nanoTime();
            idle.exec("sleep 1", 60_000L);
            if (i >= 0) {
                samples[i] = mid - start;
                baseline[i] = System.nanoTime() - mid;
            }
        }
        return Math.max(0, median(samples) - median(baseline)) / 1e3 / 250;
    }

    /** Microseconds per context switch (median of runs). */
    static double switchMicros(int runs) {
        Session s = session("bench-switch", "pingpong.c", PINGPONG);
        long[] samples = new long[runs];
        for (int i = -runs / 4; i < runs; i++) {
            long start = System.nanoTime();
            var r = s.exec("insmod pingpong.ko", 60_000L);
            long took = System.nanoTime() - start;
            if (r.exitCode() == null || r.exitCode() != 0) {
                throw new IllegalStateException("insmod pingpong.ko: " + r.output());
            }
            s.exec("rmmod pingpong", 60_000L);
            if (i >= 0) {
                samples[i] = took;
            }
        }
        return median(samples) / 1e3 / SWITCHES;
    }

    private static Session session(String id, String file, String source) {
        Session s = new Session(id, Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile(file, source);
        if (!s.build().ok()) {
            throw new IllegalStateException(file + " does not build: " + s.build().output());
        }
        return s;
    }

    private static long median(long[] samples) {
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
