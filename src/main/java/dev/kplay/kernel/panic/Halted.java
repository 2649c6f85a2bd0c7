package dev.kplay.kernel.panic;

/*
 * After panic() the CPU never returns to user space. A program waiting in user space when the
 * kernel died (a shell's sleep, while a timer softirq panicked) cannot go on either: the command
 * unwinds with this exception to the session, which reports the command as never finishing.
 */

/** Thrown to user space that would run on a panicked kernel. */
public final class Halted extends RuntimeException {
    public Halted(String reason) {
        super("Kernel panic - not syncing: " + reason, null, false, false);
    }
}
