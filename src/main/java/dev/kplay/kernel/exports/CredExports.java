package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.TaskStruct;

/*
 * Exports about who a task is: init_task (the idle task, swapper/0, at the head of the task list
 * for_each_process() walks), init_user_ns, the uid/gid mapping functions of
 * kernel/user_namespace.c (the initial namespace maps every id to itself), and the RCU reader
 * markers for_each_process() is used under. kplay runs one CPU without kernel preemption, so an
 * RCU read-side section needs no bookkeeping and a grace period is always over.
 *
 * kuid_t and kgid_t are one-member structs: passed by value they arrive as the address of the
 * caller's copy; returned, they go through the hidden result pointer in the first argument.
 */

/** init_task, user namespace and RCU exports. */
final class CredExports {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;

    CredExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        long userNs = t.object("init_user_ns", 0x228);
        long initTask = t.object("init_task", TaskStruct.SIZE);
        mem.writeCString(initTask + TaskStruct.COMM, "swapper/0");
        mem.store(initTask + TaskStruct.REAL_PARENT, 8, initTask);
        mem.store(initTask + TaskStruct.PARENT, 8, initTask);
        mem.store(initTask + TaskStruct.GROUP_LEADER, 8, initTask);
        mem.store(initTask + TaskStruct.TASKS, 8, initTask + TaskStruct.TASKS);
        mem.store(initTask + TaskStruct.TASKS + 8, 8, initTask + TaskStruct.TASKS);
        mem.store(initTask + TaskStruct.PENDING, 8, initTask + TaskStruct.PENDING);
        mem.store(initTask + TaskStruct.PENDING + 8, 8, initTask + TaskStruct.PENDING);
        mem.store(initTask + 44, 4, 0x00200002);  // PF_KTHREAD | PF_IDLE
        long initCred = k.slab().kmalloc(TaskStruct.CRED_SIZE);
        TaskStruct.fillCred(mem, initTask, initCred, userNs);

        t.function("make_kuid", 0x30, (a, s) -> {
            mem.store(a[0], 4, a[2]);
            return a[0];
        });
        t.function("make_kgid", 0x30, (a, s) -> {
            mem.store(a[0], 4, a[2]);
            return a[0];
        });
        for (String f : new String[] {"from_kuid", "from_kgid", "from_kuid_munged", "from_kgid_munged"}) {
            t.function(f, 0x30, (a, s) -> mem.load(a[1], 4));
        }
        t.function("__rcu_read_lock", 0x20, (a, s) -> 0);
        t.function("__rcu_read_unlock", 0x40, (a, s) -> 0);
    }
}
