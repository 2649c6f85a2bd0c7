package dev.kplay.kernel.sched;

/*
 * A kernel thread's own loop (kthread(), worker_thread()), written in Java: whenever the scheduler
 * gives the thread the CPU with no call in progress, the body decides what it does next: call
 * module code through Scheduler.call() (the thread function, the next work item), go to sleep, or
 * exit. Module code then runs on the thread's kernel stack like any other task's.
 */

/** What a kernel thread does when it runs. */
@FunctionalInterface
public interface TaskBody {
    /** Called with the thread current and its stack empty. */
    void run(Task t);
}
