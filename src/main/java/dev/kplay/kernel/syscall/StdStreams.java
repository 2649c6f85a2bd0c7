package dev.kplay.kernel.syscall;

/*
 * A user program's standard descriptors 0, 1 and 2 as the shell set them up: the terminal, a pipe
 * to the next command, a redirected file or /dev/null. kplay's shell keeps those streams itself
 * (see userland Sink and Input), so execve is handed them, and the kernel's read and write on
 * fds 0-2 go there while the program has not closed or replaced them.
 */

/** The standard streams of an exec'd program. */
public interface StdStreams {
    /** write(2) to fd 1 or 2: bytes written or -errno. */
    long write(int fd, byte[] data);

    /** read(2) from fd 0: at most max bytes, empty at end of file, or null with the errno in lastError. */
    byte[] read(int max);

    /**
     * A read of fd 0 finds the terminal with no line typed yet (n_tty_read's wait): {@code typed}
     * runs once a line (or ^D) is there, and this returns true; false if fd 0 is not the terminal
     * or a line is ready (read then returns at once).
     */
    default boolean awaitInput(Runnable typed) {
        return false;
    }

    /** The reader of fd 0 is gone (killed while it waited): its wake-up is dropped. */
    default void cancelInput() {
    }

    /** Whether fd (0-2) is the terminal (TCGETS succeeds on it). */
    boolean isatty(int fd);

    /**
     * A foreground program's sleep: lets {@code nanos} of time pass as the terminal's clock does
     * (wall time in a live session); false if Ctrl-C ended it first. In a background job the kernel
     * does not use this: the process sleeps on a timer instead.
     */
    boolean sleep(long nanos);

    /** Whether the program runs in a background job (its sleeps must not hold the terminal). */
    boolean background();

    /** The working directory the program was started in (relative paths resolve against it). */
    String cwd();
}
