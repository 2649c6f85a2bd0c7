package dev.kplay.session;

/*
 * A job the server's scheduler preempted at the end of its time slice (see SessionScheduler): its
 * thread parks here, holding the job's Java stack (the kernel's state is Java objects on it), until
 * a worker picks the job's lane again and hands it a CPU. Apart from the scheduler because it is
 * the one monitor a parked thread waits on: the scheduler's own stays free for the workers.
 */

/** A preempted job's thread, parked until a worker hands it a CPU again. */
final class Preempted {
    private boolean granted;

    /** Parks the calling thread (the job's) until grant(). */
    synchronized void await() {
        boolean interrupted = false;
        while (!granted) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;         // the lane is on the ready list: it must wait for its turn
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The job's lane was picked: its thread goes on with the CPU the picking worker took for it. */
    synchronized void grant() {
        granted = true;
        notify();
    }
}
