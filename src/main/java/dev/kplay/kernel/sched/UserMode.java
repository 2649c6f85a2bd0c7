package dev.kplay.kernel.sched;

/*
 * The user-space side of a task that runs a program of its own (kernel/exec implements it): its
 * mm and user stack. The scheduler needs only two things from it: the mm to switch to when the
 * task gets the CPU, and where a syscall that the program waited in goes when it completes
 * later (return to user mode instead of ending the process, as a shell command's task does).
 */

/** A task's user mode. */
public interface UserMode {
    /** The process's mm (a dev.kplay.kernel.mm.MmStruct). */
    dev.kplay.kernel.mm.MmStruct mm();

    /** A syscall the program was left waiting in returned {@code value}: the program may go on. */
    void syscallReturned(Task t, long value);

    /**
     * kill(2) of the task while it is not inside a kernel call: true if the program's side took
     * the signal (ignored, caught by a handler of its own, or its default action done).
     */
    default boolean signal(Task t, int sig) {
        return false;
    }

    /** Whether the program catches {@code sig} with a handler of its own (its wait ends with EINTR instead of death). */
    default boolean catches(int sig) {
        return false;
    }
}
