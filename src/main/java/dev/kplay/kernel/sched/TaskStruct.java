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
    public static final int SIZE = 200;
    public static final int STATE_OFFSET = 24;
    static final int THREAD_FLAGS = 0, TIF_SIGPENDING = 2, PF_KTHREAD = 0x00200000;
    static final int STATE = STATE_OFFSET, STACK = 32, USAGE = 40, FLAGS = 44, PRIO = 48, STATIC_PRIO = 52, NORMAL_PRIO = 56,
            PID = 92, TGID = 96, COMM = 184;

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
        byte[] comm = new byte[16];
        byte[] name = t.comm().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(name, 0, comm, 0, Math.min(15, name.length));
        mem.write(ts + COMM, comm);
    }
}
