package dev.kplay.kernel.sched;

import java.util.List;

/*
 * The kernel threads Debian's 6.1 kernel has started by the time /init runs on the oracle's machine
 * (one CPU, no disk, no network), in the order and with the pids they get there: kthreadd (pid 2),
 * then what rest_init(), the early initcalls and the workqueue subsystem create. Every
 * alloc_workqueue(WQ_MEM_RECLAIM) gets a rescuer thread named after the workqueue that idles in
 * TASK_IDLE at nice -20 (ps: "I<"); the per-CPU worker pools have their kworkers ("kworker/0:0",
 * the highpri pool's "kworker/0:0H", the unbound pools' "kworker/u2:0"); the per-CPU threads of
 * smpboot (ksoftirqd/0, migration/0, cpuhp/0) and the daemons (kauditd, khungtaskd, kswapd0...)
 * sleep in TASK_INTERRUPTIBLE (S); ksmd runs at nice 5 (SN).
 *
 * The pids in between belong to threads that ended during boot (request_module helpers, the
 * initcall kworkers that were retired), and 61..88 to /init's own commands: the first user
 * process gets 88. The list is the oracle's `ps` right after boot (chardev-noowner-shellfd,
 * chardev-noowner), which is also what a learner sees on a fresh Debian VM of this size. Each
 * thread's task->flags and scheduling class are the ones its /proc/PID/stat shows there.
 */

/** The kernel threads that exist when init starts. */
public final class BootThreads {
    private BootThreads() {}

    /**
     * One thread: its pid, its full name (the task's comm keeps TASK_COMM_LEN - 1 characters of it),
     * the state it idles in, its nice value, and for a kworker the workqueue it last ran work for
     * (worker->desc, shown after a '-' by wq_worker_comm()), else null.
     */
    public record Thread(int pid, String name, Task.State state, int nice, String workerDesc, int flags, int rtPriority) {
        Thread(int pid, String name, Task.State state, int nice, String workerDesc) {
            this(pid, name, state, nice, workerDesc, workerDesc != null || name.startsWith("kworker/")
                    ? Task.WQ_WORKER_FLAGS : Task.KTHREAD_FLAGS, 0);
        }

        /** The same thread with task->flags {@code f} (as the oracle's /proc/PID/stat shows them). */
        Thread flags(int f) { return new Thread(pid, name, state, nice, workerDesc, f, rtPriority); }
    }

    private static Thread s(int pid, String name) { return new Thread(pid, name, Task.State.SLEEPING, 0, null); }

    private static Thread rescuer(int pid, String name) {
        return new Thread(pid, name, Task.State.IDLE, -20, null).flags(Task.WQ_WORKER_FLAGS);
    }

    /** A per-CPU thread of smpboot, bound to its CPU (kthread_bind(): PF_NO_SETAFFINITY). */
    private static Thread percpu(int pid, String name) { return s(pid, name).flags(Task.KTHREAD_FLAGS | Task.PF_NO_SETAFFINITY); }

    /** A daemon that called set_freezable() (PF_NOFREEZE cleared). */
    private static Thread freezable(Thread t) { return t.flags(t.flags() & ~Task.PF_NOFREEZE); }

    private static Thread kworker(int pid, String name, int nice, String desc) {
        return new Thread(pid, name, Task.State.IDLE, nice, desc);
    }

    /** kthreadd and its children, by pid. */
    public static final List<Thread> ALL = List.of(
            s(2, "kthreadd"),
            rescuer(3, "rcu_gp"),
            rescuer(4, "rcu_par_gp"),
            rescuer(5, "slub_flushwq"),
            rescuer(6, "netns"),
            kworker(7, "kworker/0:0", 0, "rcu_gp"),
            kworker(8, "kworker/0:0H", -20, "events_highpri"),
            kworker(9, "kworker/u2:0", 0, "events_unbound"),
            rescuer(10, "mm_percpu_wq"),
            new Thread(11, "rcu_tasks_kthread", Task.State.IDLE, 0, null),
            new Thread(12, "rcu_tasks_rude_kthread", Task.State.IDLE, 0, null),
            new Thread(13, "rcu_tasks_trace_kthread", Task.State.IDLE, 0, null),
            percpu(14, "ksoftirqd/0"),
            new Thread(15, "rcu_preempt", Task.State.IDLE, 0, null),
            new Thread(16, "migration/0", Task.State.SLEEPING, 0, null,
                    Task.KTHREAD_FLAGS | Task.PF_NO_SETAFFINITY, 99),     // the stopper: SCHED_FIFO 99
            kworker(17, "kworker/0:1", 0, "events"),
            percpu(18, "cpuhp/0"),
            s(20, "kdevtmpfs").flags(Task.KTHREAD_FLAGS | Task.PF_SUPERPRIV),   // it mounted devtmpfs
            rescuer(21, "inet_frag_wq"),
            freezable(s(22, "kauditd")),
            s(23, "khungtaskd"),
            kworker(24, "kworker/u2:1", 0, "events_unbound"),
            freezable(s(25, "oom_reaper")),
            rescuer(26, "writeback"),
            kworker(27, "kworker/u2:2", 0, null),
            freezable(s(28, "kcompactd0")),
            freezable(new Thread(29, "ksmd", Task.State.SLEEPING, 5, null)),
            rescuer(30, "kintegrityd"),
            rescuer(31, "kblockd"),
            rescuer(32, "blkcg_punt_bio"),
            rescuer(33, "tpm_dev_wq"),
            rescuer(34, "edac-poller"),
            rescuer(35, "devfreq_wq"),
            rescuer(36, "quota_events_unbound"),
            kworker(37, "kworker/0:1H", -20, null),
            freezable(s(38, "kswapd0")).flags(Task.PF_KTHREAD | Task.PF_FORKNOEXEC | Task.PF_MEMALLOC | Task.PF_KSWAPD),
            rescuer(44, "kthrotld"),
            rescuer(46, "acpi_thermal_pm"),
            kworker(47, "kworker/0:2", 0, "events"),
            rescuer(48, "mld"),
            rescuer(49, "ipv6_addrconf"),
            rescuer(54, "kstrp"),
            rescuer(59, "zswap-shrink"),
            kworker(60, "kworker/u3:0", -20, null));

    /** The pid of the first process /init starts after its own commands (the login shell). */
    public static final int FIRST_USER_PID = 88;
}
