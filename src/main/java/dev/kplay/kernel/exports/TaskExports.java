package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.module.Module;

/*
 * Exports about tasks, modules and locking. kplay has one CPU and runs one task at a time without
 * preemption, so spinlocks and uncontended mutexes are no-ops that only have to exist; module
 * references (try_module_get/module_put) are real, because they decide whether rmmod may unload.
 */

/** Task, module-reference and lock exports. */
final class TaskExports {
    private final Kernel k;
    private final ExportTable t;

    TaskExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
    }

    void register() {
        t.object("current_task", 8);
        t.function("try_module_get", 0x60, (a, s) -> {
            Module m = byStruct(a[0]);
            return a[0] == 0 || (m != null && m.tryModuleGet()) ? 1 : 0;
        });
        t.function("__module_get", 0x40, (a, s) -> {
            Module m = byStruct(a[0]);
            if (m != null) {
                m.tryModuleGet();
            }
            return 0;
        });
        t.function("module_put", 0x60, (a, s) -> {
            Module m = byStruct(a[0]);
            if (m != null) {
                m.modulePut();
            }
            return 0;
        });
        t.function("module_refcount", 0x20, (a, s) -> {
            Module m = byStruct(a[0]);
            return m == null ? 0 : m.refcnt();
        });
        t.function("capable", 0x40, (a, s) -> 1);
        for (String noop : new String[] {"_raw_spin_lock", "_raw_spin_unlock", "_raw_spin_lock_bh", "_raw_spin_unlock_bh",
                "_raw_spin_lock_irq", "_raw_spin_unlock_irq", "_raw_spin_unlock_irqrestore", "_raw_read_lock",
                "_raw_read_unlock", "_raw_write_lock", "_raw_write_unlock", "__mutex_init", "mutex_lock", "mutex_unlock",
                "__init_waitqueue_head", "local_bh_disable", "local_bh_enable", "preempt_count_add", "preempt_count_sub"}) {
            t.function(noop, 0x40, (a, s) -> 0);
        }
        t.function("_raw_spin_lock_irqsave", 0x40, (a, s) -> 0x246);
        t.function("_raw_spin_trylock", 0x40, (a, s) -> 1);
        t.function("mutex_trylock", 0x40, (a, s) -> 1);
        t.function("mutex_lock_interruptible", 0x40, (a, s) -> 0);
        t.function("mutex_lock_killable", 0x40, (a, s) -> 0);
        t.function("mutex_is_locked", 0x20, (a, s) -> 0);
        t.function("preempt_count", 0x20, (a, s) -> 0);
        t.function("add_taint", 0x40, (a, s) -> {
            k.taint().add((int) a[0]);
            return 0;
        });
        t.function("get_taint", 0x20, (a, s) -> k.taint().mask());
    }

    private Module byStruct(long addr) {
        return k.moduleByStruct(addr);
    }
}
