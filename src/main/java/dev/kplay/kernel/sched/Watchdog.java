package dev.kplay.kernel.sched;

import dev.kplay.kernel.time.Timers;

import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/*
 * The two lockup detectors (kernel/watchdog.c and kernel/hung_task.c).
 *
 * Soft lockup: a task that keeps the CPU without scheduling gets "BUG: soft lockup - CPU#0 stuck
 * for 22s!" from the watchdog's hrtimer, first 22.4 s after it started running (2 *
 * watchdog_thresh, sampled every 4 s) and again every 26 s while it is still stuck; it keeps
 * running, as on Linux. The timer is armed only while a task runs, so an idle kernel costs nothing.
 *
 * Hung task: khungtaskd wakes every hung_task_timeout_secs and reports a task it finds in D state
 * that has not run since its previous look (its last_switch_time), at most sysctl_hung_task_warnings
 * times. Both are housekeeping events: they never keep a waiting syscall waiting.
 */

/** The soft-lockup and hung-task detectors. */
public final class Watchdog {
    /** The watchdog's first report comes this long after a task stopped scheduling (2 * watchdog_thresh + a period). */
    public static final long SOFTLOCKUP_FIRST = 22_400_000_000L;
    /** And again after each further period of being stuck. */
    public static final long SOFTLOCKUP_REPEAT = 26_000_000_000L;

    private final Timers timers;
    private final Consumer<Task> softLockup;
    private final BiConsumer<Task, Long> hungTask;
    private final Supplier<Collection<Task>> tasks;
    private Task running;
    private Object softEvent;
    /** /proc/sys/kernel/hung_task_timeout_secs (0 disables the detector). */
    private long hungTimeoutSecs = 120;
    private Object hungEvent;
    /** sysctl_hung_task_warnings: reports left. */
    private int hungWarnings = 10;

    public Watchdog(Timers timers, Consumer<Task> softLockup, BiConsumer<Task, Long> hungTask,
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

    /** t has the CPU: the watchdog's clock starts unless t was already running without a break. */
    void running(Task t) {
        if (running == t && softEvent != null) {
            return;
        }
        cancelSoft();
        running = t;
        t.setRunStart(timers.clock().now());
        softEvent = timers.at(timers.clock().now() + SOFTLOCKUP_FIRST, this::softLockupCheck, true);
    }

    /** t left the CPU: if it slept or ended, it scheduled, which touches the watchdog. */
    void stopped(Task t) {
        boolean stillRunning = t.alive() && t.state() == Task.State.RUNNING && t.stack().depth() > 0
                && !t.stack().isBlocked();
        if (running == t && !stillRunning) {
            cancelSoft();
            running = null;
        }
    }

    private void softLockupCheck() {
        Task t = running;
        if (t == null) {
            return;
        }
        softLockup.accept(t);
        softEvent = timers.at(timers.clock().now() + SOFTLOCKUP_REPEAT, this::softLockupCheck, true);
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
