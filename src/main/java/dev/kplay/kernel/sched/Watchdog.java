package dev.kplay.kernel.sched;

import dev.kplay.kernel.time.Timers;

import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/*
 * The two lockup detectors (kernel/watchdog.c and kernel/hung_task.c).
 *
 * Soft lockup, as watchdog.c does it: the watchdog's hrtimer fires every sample_period (4 s, with
 * watchdog_thresh 10) from when watchdog_enable() started it at boot. Each time it queues
 * softlockup_fn() on the CPU's stopper thread, which runs as soon as the CPU schedules and stamps
 * watchdog_touch_ts (and the report period's start, watchdog_report_ts) with get_timestamp(),
 * the clock in units of 2^30 ns. A task that keeps the CPU in the kernel without scheduling never
 * lets the stopper run: the first sample that finds now > report_ts + 20 prints "BUG: soft lockup
 * - CPU#0 stuck for Ns!" with N = now - touch_ts and starts a new report period. The task keeps
 * running. A task that loops with cond_resched() (or any might_resched() point: a GFP_KERNEL kmalloc, a
 * mutex_lock) lets the stopper run at the first such call after a sample, as the stopper's wake-up
 * set need_resched: __cond_resched() switches to migration/0, softlockup_fn() stamps the touch, and
 * the task goes on; such a loop is never reported. Printing to the serial console (every record below console_loglevel) calls
 * touch_nmi_watchdog(), which restarts the report period at the next sample without touching
 * touch_ts; the report's own lines do so too, which is why the reports come every 7 samples
 * (28 s) saying 26s, 52s, ... on the oracle's machine. The timer is armed only while a task runs,
 * so an idle kernel costs nothing; the samples it would have taken are accounted when one starts.
 *
 * RCU's CPU-stall warning (print_cpu_stall() in kernel/rcu/tree_stall.h) never joins these reports
 * on this machine, and kplay prints none: check_cpu_stall() only complains while a grace period is
 * in progress, and on the one CPU a looping task holds, the grace-period kthread never gets to start
 * one (with preemptible RCU the tick even reports a quiescent state for a loop that runs with
 * preemption on, rcu_flavor_sched_clock_irq()). The oracle's runs agree: forever, busywait and a
 * loop under a spinlock print soft-lockup reports and no "rcu: INFO: ... stall".
 *
 * Hung task: khungtaskd wakes every hung_task_timeout_secs and reports a task it finds in D state
 * that has not run since its previous look (its last_switch_time), at most sysctl_hung_task_warnings
 * times. Both are housekeeping events: they never keep a waiting syscall waiting.
 */

/** The soft-lockup and hung-task detectors. */
public final class Watchdog {
    /** sample_period: watchdog_thresh (10) * 2 / 5 seconds between two runs of watchdog_timer_fn(). */
    public static final long SAMPLE_PERIOD = 4_000_000_000L;
    /** get_softlockup_thresh(): 2 * watchdog_thresh, in get_timestamp() units. */
    static final long SOFTLOCKUP_THRESH = 20;
    /** When lockup_detector_init() enabled the watchdog during boot (before smp_init()): its first touch. */
    static final long ENABLED_AT = 553_000_000L;

    private final Timers timers;
    private final BiConsumer<Task, Long> softLockup;
    private final BiConsumer<Task, Long> hungTask;
    private final Supplier<Collection<Task>> tasks;
    private Task running;
    private Object softEvent;
    /** When the stopper last ran softlockup_fn() (virtual ns). */
    private long lastTouch = ENABLED_AT;
    /** When the stretch of the running task began. */
    private long stretchStart;
    /** watchdog_touch_ts and watchdog_report_ts, in get_timestamp() units. */
    private long touchTs, reportTs;
    /** softlockup_fn() is queued on the stopper by a sample and has not run: need_resched is set. */
    private boolean stopperQueued;
    /** When touch_nmi_watchdog() last asked for a new report period (SOFTLOCKUP_DELAY_REPORT), or -1. */
    private long delayAt = -1;
    /** /proc/sys/kernel/hung_task_timeout_secs (0 disables the detector). */
    private long hungTimeoutSecs = 120;
    private Object hungEvent;
    /** sysctl_hung_task_warnings: reports left. */
    private int hungWarnings = 10;

    public Watchdog(Timers timers, BiConsumer<Task, Long> softLockup, BiConsumer<Task, Long> hungTask,
                    Supplier<Collection<Task>> tasks) {
        this.timers = timers;
        this.softLockup = softLockup;
        this.hungTask = hungTask;
        this.tasks = tasks;
    }

    /** khungtaskd starts with the kernel. */
    public void start() {
        armHungCheck();
    }

    // ---- soft lockup ----------------------------------------------------------------------------

    /** Models get_timestamp(): running_clock() >> 30, "seconds" of 2^30 ns. */
    static long timestamp(long nanos) {
        return nanos >>> 30;
    }

    /** The last time the watchdog's hrtimer fired at or before {@code nanos}, or -1 before its first. */
    static long sampleAtOrBefore(long nanos) {
        if (nanos < ENABLED_AT + SAMPLE_PERIOD) {
            return -1;
        }
        return ENABLED_AT + (nanos - ENABLED_AT) / SAMPLE_PERIOD * SAMPLE_PERIOD;
    }

    /**
     * How many times the watchdog's hrtimer fired in (from, to]: each queues softlockup_fn() on the
     * stopper (migration/0, SCHED_FIFO), which preempts a user program holding the CPU.
     */
    public static long samplesIn(long from, long to) {
        long a = sampleAtOrBefore(from), b = sampleAtOrBefore(to);
        return b < 0 ? 0 : a < 0 ? (b - ENABLED_AT) / SAMPLE_PERIOD : (b - a) / SAMPLE_PERIOD;
    }

    /** Models touch_nmi_watchdog() -> touch_softlockup_watchdog(): the report period restarts at the next sample. */
    public void touch() {
        delayAt = timers.clock().now();
    }

    /** t has the CPU: unless it was already running without a break, the stopper ran at every sample until now. */
    void running(Task t) {
        if (running == t && softEvent != null) {
            return;
        }
        cancelSoft();
        running = t;
        stopperQueued = false;
        long now = timers.clock().now();
        t.setRunStart(now);
        stretchStart = now;
        long s = sampleAtOrBefore(now);
        if (s > lastTouch) {
            lastTouch = s;              // an idle CPU ran softlockup_fn() right after that sample
        }
        if (delayAt >= 0 && delayAt <= lastTouch) {
            delayAt = -1;               // that sample already restarted the report period
        }
        touchTs = reportTs = timestamp(lastTouch);
        long next = s < 0 ? ENABLED_AT + SAMPLE_PERIOD : s + SAMPLE_PERIOD;
        softEvent = timers.at(next, this::watchdogTimerFn, true);
    }

    /** t left the CPU: if it slept or ended, it scheduled, and the stopper's pending softlockup_fn() ran. */
    void stopped(Task t) {
        boolean stillRunning = t.alive() && t.state() == Task.State.RUNNING && t.stack().depth() > 0
                && !t.stack().isBlocked();
        if (running == t && !stillRunning) {
            long now = timers.clock().now();
            if (sampleAtOrBefore(now) > stretchStart) {
                lastTouch = now;
            }
            cancelSoft();
            running = null;
            stopperQueued = false;
        }
    }

    /** Whether a sample queued softlockup_fn() on the stopper since the running task last let it run. */
    boolean stopperQueued() {
        return stopperQueued && running != null;
    }

    /**
     * Models the stopper thread running softlockup_fn() when the task on the CPU reaches
     * __cond_resched() with need_resched set: update_touch_ts() stamps watchdog_touch_ts and
     * watchdog_report_ts with now, and the task has the CPU back.
     */
    void softlockupFn() {
        stopperQueued = false;
        long now = timers.clock().now();
        lastTouch = now;
        delayAt = -1;
        touchTs = reportTs = timestamp(now);
    }

    /** Models watchdog_timer_fn() while a task holds the CPU without scheduling. */
    private void watchdogTimerFn() {
        Task t = running;
        if (t == null) {
            return;
        }
        long now = timers.clock().now();
        stopperQueued = true;           // stop_one_cpu_nowait(softlockup_fn): the stopper is woken, need_resched set
        softEvent = timers.at(now + SAMPLE_PERIOD, this::watchdogTimerFn, true);   // hrtimer_forward_now()
        long ts = timestamp(now);
        if (delayAt >= 0 && delayAt < now) {
            delayAt = -1;
            reportTs = ts;              // period_ts == SOFTLOCKUP_DELAY_REPORT: update_report_ts()
            return;
        }
        if (ts > reportTs + SOFTLOCKUP_THRESH) {   // is_softlockup()
            reportTs = ts;              // start the period for the next warning
            softLockup.accept(t, ts - touchTs);
        }
    }

    private void cancelSoft() {
        if (softEvent != null) {
            timers.cancel(softEvent);
            softEvent = null;
        }
    }

    // ---- hung tasks -----------------------------------------------------------------------------

    public long hungTimeoutSecs() {
        return hungTimeoutSecs;
    }

    /** The value do_sysctl_args() sets from the command line, before khungtaskd first looks. */
    public void setBootHungTimeoutSecs(long secs) {
        hungTimeoutSecs = secs;
    }

    /** Writing hung_task_timeout_secs wakes khungtaskd: it checks now, then every timeout seconds. */
    public void setHungTimeoutSecs(long secs) {
        hungTimeoutSecs = secs;
        if (hungEvent != null) {
            timers.cancel(hungEvent);
            hungEvent = null;
        }
        if (secs > 0) {
            checkHungTasks();
            armHungCheck();
        }
    }

    private void armHungCheck() {
        if (hungTimeoutSecs > 0) {
            hungEvent = timers.at(timers.clock().now() + hungTimeoutSecs * 1_000_000_000L, () -> {
                checkHungTasks();
                armHungCheck();
            }, true);
        }
    }

    /**
     * Models check_hung_uninterruptible_tasks(): a D-state sleeper is first noticed (its
     * last_switch_time set to now), and reported once it has stayed asleep for the timeout since then.
     */
    private void checkHungTasks() {
        long now = timers.clock().now();
        long period = hungTimeoutSecs * 1_000_000_000L;
        for (Task t : tasks.get()) {
            if (!t.alive() || t.state() != Task.State.DISK_SLEEP || !t.stack().isBlocked()) {
                continue;
            }
            if (t.hungObservedAt() < 0) {
                t.setHungObservedAt(now);
            } else if (now - t.hungObservedAt() >= period && hungWarnings > 0) {
                hungWarnings--;
                hungTask.accept(t, (now - t.hungObservedAt()) / 1_000_000_000L);
            }
        }
    }
}
