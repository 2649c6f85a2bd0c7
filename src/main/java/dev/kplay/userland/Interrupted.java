package dev.kplay.userland;

/*
 * Ctrl-C reached a program while it waited in user space (sleep): the terminal driver sends
 * SIGINT to the foreground process group and the program dies of it. The shell delivers the
 * signal to the task through kill(2), so the kernel records the death as it would.
 */

/** Thrown out of a program that the terminal's SIGINT ends. */
public final class Interrupted extends RuntimeException {
    public Interrupted() {
        super("interrupted", null, false, false);
    }
}
