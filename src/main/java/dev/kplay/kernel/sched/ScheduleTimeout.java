package dev.kplay.kernel.sched;

import static dev.kplay.kernel.sched.Scheduler.TIMER_ONLY;
import static dev.kplay.kernel.sched.Scheduler.stateOf;

/*
 * Timed sleeps of the current task: schedule_timeout() (kernel/time/timer.c), which msleep(),
 * wait_event_timeout() and the mutex and semaphore slow paths end in, the hrtimer sleep of
 * usleep_range() (schedule_hrtimeout_range(), kernel/time/hrtimer.c), and the idle sleep of a
 * kernel thread with nothing to do. Each arms a timer that wakes the task through try_to_wake_up()
 * and then calls schedule(), as the kernel does; split from Scheduler (kernel/sched/core.c) along
 * the same line as the kernel's sources.
 */

/** The sleeps with a timeout. */
final class ScheduleTimeout {
    private final Scheduler sched;

    ScheduleTimeout(Scheduler sched) {
        this.sched = sched;
    }

    /**
     * Models schedule_timeout() in {@code state}: sleeps until woken or until timeoutJiffies pass
     * (below 0: no limit); the native then returns after.value(jiffies left, signal pending).
     */
    void sleepTimeout(int state, long timeoutJiffies, Wait.After after) {
        Task t = sched.current;
        if (t == null || t == sched.idle || sched.timers.inInterrupt()) {
            if (t != null && sched.preemptCount() != 0 && t != sched.idle) {
                sched.host.schedulingWhileAtomic(t, sched.preemptCount() + 1);
            }
            return;
        }
        long expire = sched.timers.clock().jiffies() + timeoutJiffies;
        Object timer = timeoutJiffies < 0 ? null
                : sched.timers.at(sched.timers.clock().jiffyStart(sched.timers.wheelExpiry(expire)), () -> sched.wakeUp(t, state | TIMER_ONLY));
        sched.schedule(state, () -> {
            if (timer != null) {
                sched.timers.cancel(timer);
            }
            long left = timeoutJiffies < 0 ? Long.MAX_VALUE : Math.max(0, expire - sched.timers.clock().jiffies());
            return after.value(left, Wait.signalPendingState(state, t));
        });
    }

    /** Sleeps current for {@code nanos} exactly (hrtimer sleeps: usleep_range()); only the timer wakes it. */
    void sleepNanos(int state, long nanos) {
        Task t = sched.current;
        if (t == null || t == sched.idle || sched.timers.inInterrupt()) {
            return;
        }
        Object timer = sched.timers.at(sched.timers.clock().now() + nanos, () -> sched.wakeUp(t, TIMER_ONLY));
        sched.schedule(state | TIMER_ONLY, () -> {
            sched.timers.cancel(timer);
            return 0;
        });
    }

    /** Puts a kernel thread with nothing to do to sleep in {@code state} (its body runs again when woken). */
    void sleepIdle(Task t, int state) {
        t.setSleepState(state);
        t.setState(stateOf(state));
        t.setSleepStart(sched.timers.clock().now());
    }
}
