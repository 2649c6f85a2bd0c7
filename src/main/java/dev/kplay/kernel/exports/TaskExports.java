package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.module.Module;

/*
 * Exports about tasks and modules: current_task, and module references (try_module_get/module_put),
 * which decide whether rmmod may unload. (Locks are LockExports'.)
 */

/** Task and module-reference exports. */
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
