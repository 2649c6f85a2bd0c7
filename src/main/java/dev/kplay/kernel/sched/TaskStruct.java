package dev.kplay.kernel.sched;

import dev.kplay.kernel.mm.AddressSpace;

/*
 * The struct task_struct module code can read (through current or a task pointer), laid out as
 * kplay's <linux/sched.h> documents it. The kernel's Task is the real state; this copy in kernel
 * memory is refreshed whenever the task is made current, so current->pid and current->comm are
 * always right.
 */

/** Writes a Task's visible fields into its task_struct. */
public final class TaskStruct {
    public static final int SIZE = 256;
    public static final int STATE_OFFSET = 24;
    static final int THREAD_FLAGS = 0, TIF_SIGPENDING = 2, PF_KTHREAD = 0x00200000;
    public static final int STATE = STATE_OFFSET, STACK = 32, USAGE = 40, FLAGS = 44, PRIO = 48, STATIC_PRIO = 52, NORMAL_PRIO = 56,
            PID = 92, TGID = 96, REAL_PARENT = 104, PARENT = 112, GROUP_LEADER = 152, CRED = 176, COMM = 184,
            TASKS = 200, BLOCKED = 216, PENDING = 224, REAL_CRED = 248;
    /** struct cred: @0 usage, @4 uid, @8 gid, @12 suid, @16 sgid, @20 euid, @24 egid, @28 fsuid, @32 fsgid,
     *  @36 securebits, @40 cap_inheritable, @48 cap_permitted, @56 cap_effective, @64 cap_bset,
     *  @72 cap_ambient, @80 user_ns; size 88. */
    public static final int CRED_SIZE = 88;
    /** CAP_FULL_SET for 6.1 (CAP_LAST_CAP = 40). */
    static final long CAP_FULL_SET = (1L << 41) - 1;

    private TaskStruct() {}

    /** Models the fields the scheduler keeps current. */
    public static void fill(AddressSpace mem, Task t, long ts) {
        int state = switch (t.state()) {
            case RUNNING -> 0;
            case SLEEPING, DISK_SLEEP, IDLE -> t.sleepState() & ~Scheduler.TIMER_ONLY;
            case STOPPED -> 0x104;
            case ZOMBIE -> 32;
            case DEAD -> 16;
        };
        mem.store(ts + STATE, 4, state);
        mem.store(ts + THREAD_FLAGS, 8, t.pendingSignals() != 0 ? 1L << TIF_SIGPENDING : 0);
        mem.store(ts + FLAGS, 4, t.isKthread() ? PF_KTHREAD : 0x400100);
        mem.store(ts + STACK, 8, t.stack().base());
        mem.store(ts + USAGE, 4, 1);
        mem.store(ts + PRIO, 4, 120);
        mem.store(ts + STATIC_PRIO, 4, 120);
        mem.store(ts + NORMAL_PRIO, 4, 120);
        mem.store(ts + PID, 4, t.pid());
        mem.store(ts + TGID, 4, t.pid());
        mem.store(ts + GROUP_LEADER, 8, ts);
        byte[] comm = new byte[16];
        byte[] name = t.comm().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(name, 0, comm, 0, Math.min(15, name.length));
        mem.write(ts + COMM, comm);
    }

    /**
     * Models prepare_kernel_cred(NULL) as every kplay task has it: root in the initial user
     * namespace with the full capability set. Writes a struct cred at cred and points the task's
     * cred and real_cred at it.
     */
    public static void fillCred(AddressSpace mem, long ts, long cred, long userNs) {
        mem.store(cred, 4, 1);
        for (int off = 4; off <= 36; off += 4) {
            mem.store(cred + off, 4, 0);
        }
        mem.store(cred + 40, 8, 0);
        mem.store(cred + 48, 8, CAP_FULL_SET);
        mem.store(cred + 56, 8, CAP_FULL_SET);
        mem.store(cred + 64, 8, CAP_FULL_SET);
        mem.store(cred + 72, 8, 0);
        mem.store(cred + 80, 8, userNs);
        mem.store(ts + CRED, 8, cred);
        mem.store(ts + REAL_CRED, 8, cred);
    }

    /**
     * Models the task list as for_each_process() walks it: init_task, then every task in pid
     * order (the order fork() added them), as a circular list through task_struct.tasks, with
     * each task's real_parent and parent pointers; the pending and blocked signal sets are empty
     * (kplay delivers signals at once, so none is ever left pending while module code runs).
     */
    public static void linkAll(AddressSpace mem, long initTask, java.util.Collection<Task> tasks,
                               java.util.function.IntFunction<Task> byPid) {
        long prev = initTask;
        for (Task t : tasks) {
            long ts = t.taskStruct();
            if (ts == 0) {
                continue;
            }
            mem.store(prev + TASKS, 8, ts + TASKS);
            mem.store(ts + TASKS + 8, 8, prev + TASKS);
            Task parent = byPid.apply(t.ppid());
            long p = parent == null || parent.taskStruct() == 0 ? initTask : parent.taskStruct();
            mem.store(ts + REAL_PARENT, 8, p);
            mem.store(ts + PARENT, 8, p);
            mem.store(ts + BLOCKED, 8, 0);
            mem.store(ts + PENDING, 8, ts + PENDING);
            mem.store(ts + PENDING + 8, 8, ts + PENDING);
            mem.store(ts + PENDING + 16, 8, 0);
            prev = ts;
        }
        mem.store(prev + TASKS, 8, initTask + TASKS);
        mem.store(initTask + TASKS + 8, 8, prev + TASKS);
    }
}
