package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Softirq;
import dev.kplay.kernel.workqueue.Workqueues;

/*
 * Deferred work as modules ask for it: workqueues (kernel/workqueue.c: system_wq and friends are
 * exported pointers to workqueue_structs; queue_work_on, the delayed forms, flush and cancel) and
 * tasklets (kernel/softirq.c). The work itself is done by Workqueues' kworkers and by Softirq.
 */

/** Workqueue and tasklet exports. */
final class WorkExports {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Workqueues wq;
    private final Softirq softirq;
    private final Builtins b;

    WorkExports(Kernel k, Builtins b) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.wq = k.workqueues();
        this.softirq = k.softirq();
        this.b = b;
    }

    void register() {
        workqueues();
        tasklets();
    }

    private void workqueues() {
        String[][] system = {{"system_wq", "events", "0"}, {"system_highpri_wq", "events_highpri", "0"},
                {"system_long_wq", "events_long", "0"}, {"system_unbound_wq", "events_unbound", "2"},
                {"system_freezable_wq", "events_freezable", "0"}};
        for (String[] w : system) {
            long var = t.object(w[0], 8);
            mem.store(var, 8, wq.allocWorkqueue(w[1], Integer.parseInt(w[2])));
        }
        t.function("alloc_workqueue", 0x200, (a, s) -> wq.allocWorkqueue(Builtins.utf8(b.format(a[0], a, 3)), (int) a[1]));
        t.function("destroy_workqueue", 0x180, (a, s) -> {
            wq.destroyWorkqueue(a[0], () -> 0);
            return 0;
        });
        t.function("queue_work_on", 0x60, (a, s) -> wq.queueWork(a[1], a[2]) ? 1 : 0);
        t.function("queue_delayed_work_on", 0x80, (a, s) -> wq.queueDelayedWork(a[1], a[2], a[3]) ? 1 : 0);
        t.function("mod_delayed_work_on", 0x80, (a, s) -> {
            long was = wq.cancelWork(a[2], false);
            wq.queueDelayedWork(a[1], a[2], a[3]);
            return was;
        });
        t.function("delayed_work_timer_fn", 0x40, (a, s) -> {
            long dwork = a[0] - 32;
            wq.queueDelayedWork(mem.load(dwork + 72, 8), dwork, 0);
            return 0;
        });
        t.function("flush_work", 0x40, (a, s) -> wq.flushWork(a[0]));
        t.function("flush_delayed_work", 0x60, (a, s) -> {
            wq.cancelWork(a[0], false);
            return wq.flushWork(a[0]);
        });
        t.function("__flush_workqueue", 0x1c0, (a, s) -> {
            wq.flushWorkqueue(a[0], () -> 0);
            return 0;
        });
        t.function("drain_workqueue", 0x120, (a, s) -> {
            wq.flushWorkqueue(a[0], () -> 0);
            return 0;
        });
        t.function("cancel_work_sync", 0x20, (a, s) -> wq.cancelWork(a[0], true));
        t.function("cancel_work", 0x20, (a, s) -> wq.cancelWork(a[0], false));
        t.function("cancel_delayed_work_sync", 0x20, (a, s) -> wq.cancelWork(a[0], true));
        t.function("cancel_delayed_work", 0x80, (a, s) -> wq.cancelWork(a[0], false));
    }

    private void tasklets() {
        t.function("__tasklet_schedule", 0x20, (a, s) -> {
            softirq.taskletSchedule(a[0]);
            return 0;
        });
        t.function("__tasklet_hi_schedule", 0x20, (a, s) -> {
            softirq.taskletSchedule(a[0]);
            return 0;
        });
        t.function("tasklet_setup", 0x40, (a, s) -> {
            tasklet(a[0], a[1], 0, true);
            return 0;
        });
        t.function("tasklet_init", 0x40, (a, s) -> {
            tasklet(a[0], a[1], a[2], false);
            return 0;
        });
        t.function("tasklet_kill", 0x60, (a, s) -> {
            softirq.taskletKill(a[0]);
            return 0;
        });
        t.function("tasklet_unlock_wait", 0x40, (a, s) -> 0);
    }

    private void tasklet(long tl, long fn, long data, boolean callback) {
        mem.store(tl, 8, 0);
        mem.store(tl + 8, 8, 0);
        mem.store(tl + 16, 4, 0);
        mem.store(tl + 20, 1, callback ? 1 : 0);
        mem.store(tl + 24, 8, fn);
        mem.store(tl + 32, 8, data);
    }
}
