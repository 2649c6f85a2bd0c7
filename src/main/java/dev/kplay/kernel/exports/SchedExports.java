package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Kthreads;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.TaskStruct;
import dev.kplay.kernel.sched.Wait;
import dev.kplay.kernel.time.Clock;

/*
 * The scheduler's exports (kernel/sched/core.c, wait.c, completion.c, kernel/kthread.c,
 * kernel/time/timer.c's sleeps): schedule() and its timed forms, wake_up_process(), cond_resched(),
 * msleep() and friends, kthreads, wait queues and completions. Each one that may sleep blocks the
 * calling task on its kernel stack; the native's result is what the task gets when it runs again.
 */

/** Scheduler, sleep, kthread, wait-queue and completion exports. */
final class SchedExports {
    static final long MAX_SCHEDULE_TIMEOUT = Long.MAX_VALUE;
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Scheduler sched;
    private final Wait wait;
    private final Kthreads kthreads;
    private final Builtins b;

    SchedExports(Kernel k, Builtins b) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.sched = k.scheduler();
        this.wait = k.waits();
        this.kthreads = k.kthreads();
        this.b = b;
    }

    void register() {
        schedule();
        sleeps();
        kthreads();
        waitQueues();
        completions();
    }

    /** The current task's __state as module code last set it (set_current_state()). */
    private int currentState() {
        Task cur = sched.current();
        return cur == null || cur.taskStruct() == 0 ? 0 : (int) mem.load(cur.taskStruct() + TaskStruct.STATE_OFFSET, 4);
    }

    private long timeout(long jiffies) {
        return jiffies == MAX_SCHEDULE_TIMEOUT || jiffies < 0 ? -1 : jiffies;
    }

    private void schedule() {
        t.function("schedule", 0x80, (a, s) -> {
            sched.schedule(currentState(), () -> 0);
            return 0;
        });
        t.function("io_schedule", 0x40, (a, s) -> {
            sched.schedule(currentState(), () -> 0);
            return 0;
        });
        t.function("schedule_timeout", 0x150, (a, s) -> scheduleTimeout(currentState(), a[0]));
        t.function("schedule_timeout_interruptible", 0x20, (a, s) -> scheduleTimeout(Scheduler.TASK_INTERRUPTIBLE, a[0]));
        t.function("schedule_timeout_killable", 0x20, (a, s) -> scheduleTimeout(Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TASK_WAKEKILL, a[0]));
        t.function("schedule_timeout_uninterruptible", 0x20, (a, s) -> scheduleTimeout(Scheduler.TASK_UNINTERRUPTIBLE, a[0]));
        t.function("schedule_timeout_idle", 0x20, (a, s) -> scheduleTimeout(Scheduler.TASK_IDLE, a[0]));
        t.function("wake_up_process", 0x20, (a, s) -> sched.wakeUpProcess(wait.byTaskStruct(a[0])));
        t.function("__cond_resched", 0x40, (a, s) -> sched.condResched());
        t.function("yield", 0x20, (a, s) -> {
            sched.condResched();
            return 0;
        });
        t.function("__fatal_signal_pending", 0x20, (a, s) -> {
            Task task = wait.byTaskStruct(a[0]);
            return task != null && (task.pendingSignals() & (1L << 9)) != 0 ? 1 : 0;
        });
    }

    /** Models schedule_timeout(): sleeps in state (TASK_RUNNING: returns at once); the jiffies left. */
    private long scheduleTimeout(int state, long jiffies) {
        if (state == 0) {
            sched.condResched();
            return jiffies;
        }
        long to = timeout(jiffies);
        sched.sleepTimeout(state, to, (left, sig) -> to < 0 ? MAX_SCHEDULE_TIMEOUT : left);
        return 0;
    }

    private void sleeps() {
        t.function("msleep", 0x40, (a, s) -> {
            long j = msecsToJiffies(a[0] & 0xffffffffL) + 1;
            sched.sleepTimeout(Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TIMER_ONLY, j, (left, sig) -> 0);
            return 0;
        });
        t.function("msleep_interruptible", 0x60, (a, s) -> {
            long j = msecsToJiffies(a[0] & 0xffffffffL) + 1;
            sched.sleepTimeout(Scheduler.TASK_INTERRUPTIBLE, j, (left, sig) -> left * 1000 / Clock.HZ);
            return 0;
        });
        t.function("usleep_range_state", 0x80, (a, s) -> {
            sched.sleepNanos((int) a[2], Math.max(a[0], 0) * 1000L);
            return 0;
        });
        t.function("__udelay", 0x40, (a, s) -> delay(a[0] * 1000L));
        t.function("__ndelay", 0x40, (a, s) -> delay(a[0]));
        t.function("__const_udelay", 0x40, (a, s) -> delay((a[0] * 1_000_000_000L) >>> 32));
        t.function("__delay", 0x40, (a, s) -> delay(a[0]));
    }

    static long msecsToJiffies(long ms) {
        return (ms * Clock.HZ + 999) / 1000;
    }

    /** udelay() and friends spin: time passes (interrupts included) with the task on the CPU. */
    private long delay(long nanos) {
        Task cur = k.current();
        if (cur != null && !k.inInterrupt()) {
            cur.addKernelDelay(Math.max(0, nanos));   // a busy wait: the CPU is the task's all along
        }
        k.timers().advance(Math.max(0, nanos));
        return 0;
    }

    private void kthreads() {
        t.function("kthread_create_on_node", 0x60, (a, s) -> {
            String name = Builtins.utf8(b.format(a[3], a, 4));
            Task th = kthreads.create(a[0], a[1], name);
            return th == null ? -12 : th.taskStruct();
        });
        t.function("kthread_exit", 0x40, (a, s) -> exitKthread(a[0]));
        t.function("kthread_complete_and_exit", 0x40, (a, s) -> {
            if (a[0] != 0) {
                wait.complete(a[0], false);
            }
            return exitKthread(a[1]);
        });
        t.function("kthread_should_stop", 0x20, (a, s) -> kthreads.shouldStop() ? 1 : 0);
        t.function("kthread_stop", 0x100, (a, s) -> {
            long[] r = {0};
            kthreads.stop(wait.byTaskStruct(a[0]), v -> r[0] = v);
            return r[0];
        });
    }

    /**
     * Models __module_put_and_kthread_exit() (kernel/module/main.c; module_put_and_kthread_exit()
     * in module.h): drops the reference the thread held on its module, then ends the thread as
     * kthread_exit() does. Registered after every other export, so the addresses of those stay.
     */
    void moduleKthreadExit() {
        t.function("__module_put_and_kthread_exit", 0x20, (a, s) -> {
            var m = k.moduleByStruct(a[0]);
            if (m != null) {
                m.modulePut();
            }
            return exitKthread(a[1]);
        });
    }

    /**
     * kthread_exit() from a kernel thread ends it. From any other task 6.1's to_kthread() finds no
     * struct kthread (worker_private is NULL) and the store of kthread->result faults at address 0xc
     * (kplay leaves out the WARN_ON that to_kthread() prints first).
     */
    private long exitKthread(long result) {
        if (!kthreads.exitCurrent(result)) {
            mem.store(KTHREAD_RESULT, 4, result);
        }
        return 0;
    }

    /** offsetof(struct kthread, result): after flags (8) and cpu (4). */
    private static final long KTHREAD_RESULT = 12;

    private void waitQueues() {
        long autoremove = t.function("autoremove_wake_function", 0x40, (a, s) -> {
            Task task = wait.byTaskStruct(mem.load(a[0] + 8, 8));
            return sched.wakeUp(task, (int) a[1]);
        });
        wait.setAutoremove(autoremove);
        t.function("default_wake_function", 0x40, (a, s) -> sched.wakeUp(wait.byTaskStruct(mem.load(a[0] + 8, 8)), (int) a[1]));
        t.function("__init_waitqueue_head", 0x40, (a, s) -> {
            mem.store(a[0], 4, 0);
            mem.store(a[0] + 8, 8, a[0] + 8);
            mem.store(a[0] + 16, 8, a[0] + 8);
            return 0;
        });
        t.function("init_wait_entry", 0x40, (a, s) -> {
            wait.initWaitEntry(a[0], (int) a[1]);
            return 0;
        });
        t.function("prepare_to_wait_event", 0x80, (a, s) -> wait.prepareToWaitEvent(a[0], a[1], (int) a[2]));
        t.function("prepare_to_wait", 0x80, (a, s) -> {
            wait.prepareToWaitEvent(a[0], a[1], (int) a[2]);
            return 0;
        });
        t.function("prepare_to_wait_exclusive", 0x80, (a, s) -> {
            mem.store(a[1], 4, mem.load(a[1], 4) | 1);
            wait.prepareToWaitEvent(a[0], a[1], (int) a[2]);
            return 1;
        });
        t.function("finish_wait", 0x60, (a, s) -> {
            wait.finishWait(a[1]);
            return 0;
        });
        t.function("add_wait_queue", 0x40, (a, s) -> {
            wait.addWaitQueue(a[0], a[1], false);
            return 0;
        });
        t.function("add_wait_queue_exclusive", 0x40, (a, s) -> {
            wait.addWaitQueue(a[0], a[1], true);
            return 0;
        });
        t.function("remove_wait_queue", 0x40, (a, s) -> {
            wait.removeWaitQueue(a[1]);
            return 0;
        });
        t.function("__wake_up", 0x60, (a, s) -> {
            wait.wakeUp(a[0], (int) a[1], (int) a[2]);
            return 0;
        });
        t.function("__wake_up_sync", 0x40, (a, s) -> {
            wait.wakeUp(a[0], (int) a[1], 1);
            return 0;
        });
    }

    private void completions() {
        t.function("complete", 0x40, (a, s) -> {
            wait.complete(a[0], false);
            return 0;
        });
        t.function("complete_all", 0x40, (a, s) -> {
            wait.complete(a[0], true);
            return 0;
        });
        t.function("try_wait_for_completion", 0x40, (a, s) -> wait.tryWait(a[0]) ? 1 : 0);
        t.function("completion_done", 0x20, (a, s) -> mem.load(a[0], 4) != 0 ? 1 : 0);
        completionWait("wait_for_completion", Scheduler.TASK_UNINTERRUPTIBLE, false);
        completionWait("wait_for_completion_io", Scheduler.TASK_UNINTERRUPTIBLE, false);
        completionWait("wait_for_completion_interruptible", Scheduler.TASK_INTERRUPTIBLE, false);
        completionWait("wait_for_completion_killable", Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TASK_WAKEKILL, false);
        completionWait("wait_for_completion_timeout", Scheduler.TASK_UNINTERRUPTIBLE, true);
        completionWait("wait_for_completion_interruptible_timeout", Scheduler.TASK_INTERRUPTIBLE, true);
        completionWait("wait_for_completion_killable_timeout", Scheduler.TASK_UNINTERRUPTIBLE | Scheduler.TASK_WAKEKILL, true);
    }

    /** The wait_for_completion family: the untimed ones return 0 or -ERESTARTSYS, the timed ones the jiffies left. */
    private void completionWait(String name, int state, boolean timed) {
        t.function(name, 0x60, (a, s) -> {
            long[] r = {0};
            wait.waitForCompletion(a[0], state, timed ? timeout(a[1]) : -1, v -> r[0] = v);
            if (!timed) {
                Task cur = sched.current();
                if (cur.stack().isBlocked()) {
                    java.util.function.LongSupplier inner = cur.wakeValue();
                    cur.setWakeValue(() -> {
                        long v = inner == null ? 0 : inner.getAsLong();
                        return v == -512 ? -512 : 0;
                    });
                }
                return r[0] == -512 ? -512 : 0;
            }
            return r[0];
        });
    }
}
