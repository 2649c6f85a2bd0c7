package dev.kplay.kernel.syscall;

import dev.kplay.kernel.sched.Task;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/*
 * The tasks asleep in a fifo (fs/pipe.c: fifo_open() waiting for its partner, pipe_read() for
 * data). open, read, kill and blocked() all see the same sleepers, so they live here, shared.
 */

/** The tasks asleep in pipe_wait() (fs/pipe.c), by pid. */
final class PipeWait {
    /** A task asleep in fifo_open() or pipe_read(): whether it still waits, and what giving up undoes. */
    private record FifoSleep(BooleanSupplier waiting, Runnable abandon) {}

    private final Map<Integer, FifoSleep> fifoSleepers = new HashMap<>();

    /** The task sleeps (S, in pipe_wait) until the fifo's partner or data comes; the call is RUNNING. */
    long sleep(Task t, BooleanSupplier waiting, Runnable abandon) {
        fifoSleepers.put(t.pid(), new FifoSleep(waiting, abandon));
        t.setState(Task.State.SLEEPING);
        t.setSleepState(dev.kplay.kernel.sched.Scheduler.TASK_INTERRUPTIBLE);
        return Syscalls.RUNNING;
    }

    /** The task's call was made again and went on: it no longer sleeps in a fifo. */
    void woke(Task t) {
        if (fifoSleepers.remove(t.pid()) != null) {
            t.setState(Task.State.RUNNING);
            t.setSleepState(0);
        }
    }

    /** A fatal signal ends pid's sleep: what its fifo_open() would have undone is undone. */
    void abandon(int pid) {
        FifoSleep w = fifoSleepers.remove(pid);
        if (w != null) {
            w.abandon().run();
        }
    }

    /** Whether pid sleeps in a fifo. */
    boolean asleep(int pid) {
        return fifoSleepers.containsKey(pid);
    }

    /** Whether pid, asleep in a fifo, must still wait. */
    boolean waiting(int pid) {
        return fifoSleepers.get(pid).waiting().getAsBoolean();
    }
}
