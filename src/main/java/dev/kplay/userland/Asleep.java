package dev.kplay.userland;

/*
 * A program in a background job that has nothing left to do but sleep (sleep(1), whose
 * continuation is exit(0)). The shell must not wait for it: the job stays running with its task
 * alive, and the job table ends it with status 0 once the kernel's clock reaches {@code until}.
 */

/** Thrown by a background program that sleeps until {@code until} (CLOCK_MONOTONIC nanoseconds). */
public final class Asleep extends RuntimeException {
    public final long until;

    public Asleep(long until) {
        super(null, null, false, false);
        this.until = until;
    }
}
