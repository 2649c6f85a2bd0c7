package dev.kplay.kernel.time;

import dev.kplay.kernel.mm.AddressSpace;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/*
 * Everything that is due at a point of virtual time (kernel/time/timer.c and hrtimer.c): the
 * timer_list timers modules arm with mod_timer(), hrtimers, and the kernel's own timed events
 * (a schedule_timeout() wake-up, a delayed work's timer, the watchdogs). One ordered set keyed by
 * (expiry, arming order) stands in for both the timer wheel and the hrtimer rbtree. What the wheel
 * does to a timer_list's expiry is kept (wheelExpiry): calc_index() rounds it up to the next
 * bucket of its level, so a timer armed for jiffies + 3 runs when jiffies reaches + 4 (the oracle's
 * callbacks print 4 or 5, never 3), and a timeout of a second or more by up to a level's
 * granularity (8, 64... jiffies) later still.
 *
 * Time only moves through advanceTo(): it stops at each expiry in order, sets the clock there
 * and hands the event to the Interrupts (the CPU's interrupt entry), so a callback sees jiffies
 * and ktime exactly at its expiry. An advance that happens while an interrupt is already being
 * handled (mdelay() inside a tasklet) only moves the clock: interrupts do not nest, and what fell
 * due fires as soon as the handler returns.
 *
 * struct timer_list: entry.next@0, entry.pprev@8 (non-NULL while pending), expires@16,
 * function@24, flags@32. struct hrtimer: node.expires@24, _softexpires@32, function@40,
 * base@48, state@56 (kplay's <linux/hrtimer.h>).
 */

/** Pending timers of one kernel, in expiry order. */
public final class Timers {
    /** Where events are delivered (the CPU taking the timer interrupt). */
    public interface Interrupts {
        /** A timer_list timer expired: run its function in the timer softirq. */
        void timerList(long timer, long function);

        /** An hrtimer expired: run its function in hard-interrupt context. */
        void hrtimer(long timer, long function);

        /**
         * __run_timers() could not detach an expired timer_list: its memory is gone (a module
         * unloaded with the timer still armed). The fault is in the timer softirq.
         */
        void timerDetachFault(long timer, dev.kplay.vm.PageFault fault);

        /** Called at every tick boundary passed, after the tick's events (softirqs: tasklets). */
        void tick();

        /** Whether a tick has work to do (pending softirqs); makes the next tick an event. */
        boolean softirqPending();
    }

    /** One pending event; a housekeeping one (watchdogs) never keeps a waiting syscall waiting. */
    private record Event(long when, long seq, Kind kind, long addr, Runnable action, boolean housekeeping)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(when, o.when);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private enum Kind { TIMER_LIST, HRTIMER, KERNEL }

    public static final int HRTIMER_EXPIRES = 24, HRTIMER_FUNCTION = 40, HRTIMER_STATE = 56;
    static final int TIMER_PPREV = 8, TIMER_EXPIRES = 16, TIMER_FUNCTION = 24;

    private final Clock clock;
    private final AddressSpace mem;
    private final TreeSet<Event> pending = new TreeSet<>();
    private final Map<Long, Event> byAddress = new HashMap<>();
    private Interrupts irq;
    private long seq;
    private boolean inInterrupt;
    /** Pending kernel events that are not housekeeping (sleep timeouts, delayed-work timers). */
    private int kernelWork;

    /** Set by panic(): nothing fires any more. */
    private boolean halted;

    public Timers(Clock clock, AddressSpace mem) {
        this.clock = clock;
        this.mem = mem;
    }

    public void setInterrupts(Interrupts irq) {
        this.irq = irq;
    }

    public Clock clock() { return clock; }

    // ---- timer_list ------------------------------------------------------------------------------

    /** Models mod_timer(): (re)arms the timer for jiffies value {@code expires}; 1 if it was pending. */
    public int modTimer(long timer, long expires) {
        int was = delTimer(timer);
        mem.store(timer + TIMER_EXPIRES, 8, expires);
        mem.store(timer + TIMER_PPREV, 8, timer);          // hlist_unhashed() is false while pending
        add(new Event(clock.jiffyStart(wheelExpiry(expires)), seq++, Kind.TIMER_LIST, timer, null, false));
        return was;
    }

    /** The timer wheel at HZ=250: 6 bits of buckets a level, each level 8 times coarser, 9 levels. */
    private static final int LVL_CLK_SHIFT = 3, LVL_BITS = 6, LVL_DEPTH = 9;

    private static long lvlStart(int n) {
        return ((1L << LVL_BITS) - 1) << ((n - 1) * LVL_CLK_SHIFT);
    }

    /**
     * Models calc_wheel_index()'s bucket_expiry: the jiffies value at which __run_timers() collects
     * a timer armed now for {@code expires}. base->clk is jiffies, or jiffies + 1 while the timer
     * softirq runs callbacks (one of them re-arming its timer); an expiry already past lands in the
     * bucket of base->clk, which the next tick runs.
     */
    public long wheelExpiry(long expires) {
        long clk = clock.jiffies() + (runningTimers ? 1 : 0);
        long delta = expires - clk;
        long bucket;
        if (delta < 0) {
            bucket = clk;
        } else {
            int lvl = 0;
            while (lvl < LVL_DEPTH - 1 && delta >= lvlStart(lvl + 1)) {
                lvl++;
            }
            long e = expires;
            if (lvl == LVL_DEPTH - 1 && delta >= lvlStart(LVL_DEPTH)) {
                e = clk + lvlStart(LVL_DEPTH) - (1L << ((LVL_DEPTH - 1) * LVL_CLK_SHIFT));   // WHEEL_TIMEOUT_MAX
            }
            int shift = lvl * LVL_CLK_SHIFT;
            bucket = ((e >> shift) + 1) << shift;                 // calc_index(): never early
        }
        return Math.max(bucket, clock.jiffies() + 1);            // the softirq runs on a tick
    }

    /** Set while the timer softirq runs expired timer_list callbacks (base->clk is then jiffies + 1). */
    private boolean runningTimers;

    /** Models del_timer(): 1 if the timer was pending (and is not now), else 0. */
    public int delTimer(long timer) {
        Event e = byAddress.remove(timer);
        if (e == null) {
            return 0;
        }
        pending.remove(e);
        if (e.kind() == Kind.TIMER_LIST) {
            mem.store(timer + TIMER_PPREV, 8, 0);
        } else {
            mem.store(timer + HRTIMER_STATE, 1, 0);
        }
        return 1;
    }

    /** Whether the timer or hrtimer at addr is armed. */
    public boolean pending(long addr) {
        return byAddress.containsKey(addr);
    }

    // ---- hrtimers -------------------------------------------------------------------------------

    /** Models hrtimer_start_range_ns() for an absolute expiry in ns (ktime); 1 if it was active. */
    public int hrtimerStart(long timer, long expiresNs) {
        int was = delTimer(timer);
        mem.store(timer + HRTIMER_EXPIRES, 8, expiresNs);
        mem.store(timer + HRTIMER_EXPIRES + 8, 8, expiresNs);
        mem.store(timer + HRTIMER_STATE, 1, 1);
        add(new Event(Math.max(expiresNs, clock.now()), seq++, Kind.HRTIMER, timer, null, false));
        return was;
    }

    // ---- kernel events --------------------------------------------------------------------------

    /** Runs {@code action} at virtual time {@code when}; returns a handle for {@link #cancel}. */
    public Object at(long when, Runnable action) {
        return at(when, action, false);
    }

    /** As {@link #at}; a housekeeping event (khungtaskd, the watchdog) is not work a sleeper waits for. */
    public Object at(long when, Runnable action, boolean housekeeping) {
        Event e = new Event(Math.max(when, clock.now()), seq++, Kind.KERNEL, 0, action, housekeeping);
        pending.add(e);
        if (!housekeeping) {
            kernelWork++;
        }
        return e;
    }

    /** Cancels a kernel event from {@link #at}; true if it had not fired. */
    public boolean cancel(Object handle) {
        if (handle instanceof Event e && pending.remove(e)) {
            if (!e.housekeeping()) {
                kernelWork--;
            }
            return true;
        }
        return false;
    }

    private void add(Event e) {
        pending.add(e);
        byAddress.put(e.addr(), e);
    }

    // ---- the passing of time -------------------------------------------------------------------

    /**
     * panic(): the machine stops. Nothing pending fires any more, not a sleeper's timeout nor a
     * timer (a task the panic caught asleep never wakes); the stretch of time the panic cut short
     * still ends, and after it the kernel moves time no more (Kernel.advanceTime).
     */
    public void halt() {
        halted = true;
    }

    /** Whether panic() stopped the machine. */
    public boolean halted() {
        return halted;
    }

    /** When the next event is due (virtual ns), or Long.MAX_VALUE if nothing is pending. */
    public long nextEvent() {
        if (halted) {
            return Long.MAX_VALUE;
        }
        long next = pending.isEmpty() ? Long.MAX_VALUE : pending.first().when();
        if (irq != null && irq.softirqPending()) {
            next = Math.min(next, clock.jiffyStart(clock.jiffies() + 1));
        }
        return next;
    }

    /** Whether module-visible work is pending (anything but the kernel's own housekeeping). */
    public boolean moduleWorkPending() {
        return !halted && (!byAddress.isEmpty() || kernelWork > 0 || (irq != null && irq.softirqPending()));
    }

    /** Moves time forward by delta ns, firing what falls due on the way. */
    public void advance(long delta) {
        if (delta > 0) {
            advanceTo(clock.now() + delta);
        }
    }

    /** Moves time to {@code target}, firing every event due by then, in order, at its own time. */
    public void advanceTo(long target) {
        if (halted) {
            clock.advanceTo(target);   // the stretch the panic cut short ends; nothing fires
            return;
        }
        if (inInterrupt || irq == null) {
            clock.advanceTo(target);
            return;
        }
        while (true) {
            long next = nextEvent();
            if (next > target) {
                break;
            }
            long tickBefore = clock.jiffies();
            clock.advanceTo(next);
            fireDue(clock.jiffies() != tickBefore || next == clock.jiffyStart(clock.jiffies()));
        }
        clock.advanceTo(target);
    }

    /** Fires everything due now: hrtimers (hardirq), then timer_list timers and tasklets (softirq). */
    private void fireDue(boolean tick) {
        inInterrupt = true;
        try {
            while (!halted && !pending.isEmpty() && pending.first().when() <= clock.now()) {
                Event e = pending.pollFirst();
                switch (e.kind()) {
                    case KERNEL -> {
                        if (!e.housekeeping()) {
                            kernelWork--;
                        }
                        e.action().run();
                    }
                    case HRTIMER -> {
                        byAddress.remove(e.addr());
                        mem.store(e.addr() + HRTIMER_STATE, 1, 0);
                        irq.hrtimer(e.addr(), mem.load(e.addr() + HRTIMER_FUNCTION, 8));
                    }
                    case TIMER_LIST -> {
                        byAddress.remove(e.addr());
                        try {
                            mem.store(e.addr() + TIMER_PPREV, 8, 0);     // detach_timer() writes the timer_list
                        } catch (dev.kplay.vm.PageFault pf) {
                            irq.timerDetachFault(e.addr(), pf);
                            return;
                        }
                        runningTimers = true;
                        try {
                            irq.timerList(e.addr(), mem.load(e.addr() + TIMER_FUNCTION, 8));
                        } finally {
                            runningTimers = false;
                        }
                    }
                }
            }
            if (tick && !halted) {
                irq.tick();
            }
        } finally {
            inInterrupt = false;
        }
    }

    /** Whether an interrupt handler is running right now. */
    public boolean inInterrupt() {
        return inInterrupt;
    }
}
