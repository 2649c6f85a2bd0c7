package dev.kplay.userland;

/*
 * A user-space program: it gets its process (argv, stdio, the system-call interface) and returns
 * its exit status, as main() does. Programs reach the kernel only through {@link Proc#sys()}.
 */

/** One program of the simulated user space. */
@FunctionalInterface
public interface Command {
    /** Runs the program in process {@code p}; returns the exit status (0-255). */
    int run(Proc p);
}
