package dev.kplay.kernel;

import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.BootThreads;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.TaskStruct;
import dev.kplay.vm.KernelStack;

import java.util.List;

/*
 * Where tasks come from, as kernel/fork.c: copy_process() gives each task a kernel stack in the
 * vmalloc area (VMAP_STACK, guard pages between stacks) and a task_struct and cred in slab memory;
 * pids are handed out in order. Kernel threads are kthreadd's children (kthread_create), and the
 * threads a real boot has started by the time init runs (BootThreads) are made here too, as plain
 * data asleep for good until a worker pool adopts one. Split out of Kernel so that Kernel reads as
 * the boot order and the handles, and the pid and stack counters live beside the one code that
 * moves them.
 */

/** Task creation: copy_process(), alloc_pid(), kthread_create() and the boot's own threads. */
final class Fork {
    private final Kernel k;
    /** The next pid alloc_pid() hands out; FIRST_USER_PID once the boot threads exist. */
    private int nextPid = 2;
    /** Where the next kernel stack goes: each THREAD_SIZE stack is followed by a guard gap. */
    private long nextStack = Layout.VMALLOC + 0x593000L;

    Fork(Kernel k) {
        this.k = k;
    }

    /** Models copy_process(): a task with a fresh kernel stack, its task_struct and cred. */
    Task newTask(int pid, int ppid, String comm, List<String> argv) {
        long base = nextStack;
        nextStack += KernelStack.THREAD_SIZE + 0x4000;  // VMAP_STACK: guard pages in between
        k.memory().map(base, KernelStack.THREAD_SIZE);
        Task t = new Task(pid, ppid, comm, argv, new KernelStack(base));
        t.setStartTime(k.now());
        long ts = k.slab().kmalloc(TaskStruct.SIZE);
        t.setTaskStruct(ts);
        if (ts != 0) {
            TaskStruct.fill(k.memory(), t, ts);
            long cred = k.slab().kmalloc(TaskStruct.CRED_SIZE);
            if (cred != 0) {
                TaskStruct.fillCred(k.memory(), ts, cred, k.exports().address("init_user_ns"));
            }
        }
        return t;
    }

    /** Models alloc_pid(): the next pid. */
    int allocPid() { return nextPid++; }

    /** A kernel thread child of kthreadd (copy_process for kthread_create), or null past maxTasks. */
    Task spawnKthread(String name, int pid) {
        if (k.tasks().size() >= k.config().maxTasks()) {
            return null;
        }
        Task t = newTask(pid, 2, name, List.of());
        t.setBody(x -> { });
        t.setFlags(Task.KTHREAD_FLAGS);
        t.setFullName(name);
        k.tasks().put(pid, t);
        return t;
    }

    /**
     * The kernel threads that exist when init starts (BootThreads): plain data asleep for good. They
     * never run code, so they share one empty kernel stack and have no task_struct in memory until a
     * pool puts its kworker to work (adoptBootThread).
     */
    void startBootThreads() {
        KernelStack none = new KernelStack(0);
        for (BootThreads.Thread b : BootThreads.ALL) {
            Task t = new Task(b.pid(), b.pid() == 2 ? 0 : 2, b.name(), List.of(), none);
            t.setBody(x -> { });
            t.setStartTime(k.now());
            t.setFlags(b.flags());
            t.setFullName(b.name());
            t.setRtPriority(b.rtPriority());
            t.setNice(b.nice());
            t.setWorkerDesc(b.workerDesc());
            k.scheduler().sleepIdle(t, b.state() == Task.State.IDLE ? Scheduler.TASK_IDLE : Scheduler.TASK_INTERRUPTIBLE);
            k.tasks().put(b.pid(), t);
        }
        nextPid = BootThreads.FIRST_USER_PID;
    }

    /**
     * The kworker named {@code name} that a worker pool runs its work on: the boot's own thread of
     * that name, now given a kernel stack of its own, or a new kworker (create_worker()).
     */
    Task adoptBootThread(String name) {
        for (Task b : k.tasks().values()) {
            if (name.startsWith("kworker/") && b.isKthread() && b.comm().equals(name) && b.ppid() == 2) {
                Task t = newTask(b.pid(), 2, name, List.of());
                t.setBody(x -> { });
                t.setStartTime(b.startTime());
                t.setFlags(b.flags());
                t.setNice(b.nice());
                t.setWorkerDesc(b.workerDesc());
                k.tasks().put(b.pid(), t);
                return t;
            }
        }
        return spawnKthread(name, allocPid());
    }
}
