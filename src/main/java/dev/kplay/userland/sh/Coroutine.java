package dev.kplay.userland.sh;

import java.util.function.BooleanSupplier;

/*
 * A background job's user-space side, which must be able to stop in the middle of a program (its
 * task asleep in the kernel: "read x < fifo" waiting for a writer) and go on later, where it
 * stopped, once the kernel has woken the task. The kernel's tasks are data, but the programs
 * are Java code, so a background job gets a thread of its own that only ever runs while the
 * shell's thread waits for it: exactly one of the two runs at any time, the hand-over is a
 * monitor (so each sees the other's writes), and the points where a job runs are fixed (when it
 * starts, and when a line begins or ends with the job's task woken). Nothing depends on the
 * thread scheduler: a replay of the same lines gives the same bytes.
 */

/** A background job that can park while its task sleeps in the kernel, and be resumed. */
public final class Coroutine {
    private static final ThreadLocal<Coroutine> CURRENT = new ThreadLocal<>();

    /** Thrown on a job's thread when the job is torn down (its shell went away) while parked. */
    static final class Killed extends RuntimeException {
        Killed() {
            super(null, null, false, false);
        }
    }

    private final Object lock = new Object();
    private final Thread thread;
    /**
     * The terminal's foreground line (see Shell.run): its kernel sleeps unwind as the shell's own
     * thread's do; it parks only while one of kplay's commands waits for a typed line.
     */
    private final boolean foreground;
    /** The pid reading the terminal while the foreground line is parked for a typed line, else 0. */
    private int ttyReader;
    /** A Ctrl-C came while the foreground line waited for a typed line. */
    private boolean ctrlC;
    /** True while the job's thread runs (the shell's thread then waits). */
    private boolean jobTurn;
    private boolean started;
    private boolean finished;
    private volatile boolean killed;
    private Throwable failure;
    /** While parked: whether the job can go on (its task was woken or died). */
    private BooleanSupplier ready = () -> true;

    Coroutine(String name, Runnable body) {
        this(name, body, false);
    }

    Coroutine(String name, Runnable body, boolean foreground) {
        this.foreground = foreground;
        // a gcc in the job builds at the slice point of the job that started it (CpuLimit)
        thread = new Thread(dev.kplay.cc.diag.CpuLimit.inherit(() -> {
            CURRENT.set(this);
            try {
                awaitTurn();
                body.run();
            } catch (Killed k) {
                // torn down: nothing more runs
            } catch (Throwable t) {
                failure = t;
            } finally {
                synchronized (lock) {
                    finished = true;
                    jobTurn = false;
                    lock.notifyAll();
                }
            }
        }), name);
        thread.setDaemon(true);
    }

    /** The job whose thread this is, or null on the shell's own thread. */
    static Coroutine current() {
        return CURRENT.get();
    }

    /**
     * On a background job's thread: parks the job while {@code blocked} holds (its task asleep in
     * the kernel) and returns true once the shell resumed it; false, doing nothing, elsewhere.
     */
    public static boolean sleepWhile(BooleanSupplier blocked) {
        Coroutine c = CURRENT.get();
        if (c == null || c.foreground) {
            return false;
        }
        c.park(() -> !blocked.getAsBoolean());
        return true;
    }

    /**
     * Models n_tty_read()'s wait for one of kplay's own commands: on the foreground line's thread,
     * parks until {@code typed} holds (a line or ^D is there) and returns true; throws Interrupted
     * if a Ctrl-C came instead (isig()). False, doing nothing, elsewhere (a script's stdin).
     */
    public static boolean awaitTerminal(int reader, BooleanSupplier typed) {
        Coroutine c = CURRENT.get();
        if (c == null || !c.foreground) {
            return false;
        }
        c.ttyReader = reader;
        c.park(() -> c.ctrlC || typed.getAsBoolean());
        c.ttyReader = 0;
        if (c.ctrlC) {
            c.ctrlC = false;
            throw new dev.kplay.userland.Interrupted();
        }
        return true;
    }

    /** The pid waiting for a typed line while this (foreground) job is parked, or 0. */
    int ttyReader() {
        return finished() ? 0 : ttyReader;
    }

    /** Ctrl-C at the terminal while this job waits for a typed line: the wait ends in Interrupted. */
    void interruptTtyWait() {
        ctrlC = true;
    }

    boolean finished() {
        synchronized (lock) {
            return finished;
        }
    }

    /** Whether the parked job can go on now. */
    boolean ready() {
        return !finished() && ready.getAsBoolean();
    }

    /** Runs the job (from the shell's thread) until it parks or ends; true if it has ended. */
    boolean resume() {
        synchronized (lock) {
            if (finished) {
                return true;
            }
            jobTurn = true;
            lock.notifyAll();
            if (!started) {
                started = true;
                thread.start();
            }
            boolean interrupted = false;
            while (jobTurn) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException r) {
                failure = null;
                throw r;
            }
            if (failure instanceof Error e) {
                failure = null;
                throw e;
            }
            return finished;
        }
    }

    /** On the job's thread: gives the CPU back until {@code until} holds and the shell resumes it. */
    void park(BooleanSupplier until) {
        synchronized (lock) {
            ready = until;
            jobTurn = false;
            lock.notifyAll();
        }
        awaitTurn();
        ready = () -> true;
    }

    private void awaitTurn() {
        synchronized (lock) {
            while (!jobTurn) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    killed = true;
                    jobTurn = true;
                }
            }
        }
        if (killed) {
            throw new Killed();
        }
    }

    /** Tears the job down (its shell is gone): its thread unwinds and ends. */
    void kill() {
        killed = true;
        if (started) {
            resume();
        } else {
            synchronized (lock) {
                finished = true;
            }
        }
    }
}
