package dev.kplay.userland;

/*
 * A process can leave user space for good in the middle of a system call: an oops kills it, or it
 * blocks in the kernel with nothing to wake it. Its program cannot go on either way, so the
 * command unwinds with this exception and the shell reports the process as the kernel left it.
 */

/** Thrown out of a command whose task died ({@code died}) or is still inside the kernel. */
public final class TaskGone extends RuntimeException {
    public final boolean died;

    public TaskGone(boolean died) {
        super(died ? "task died in the kernel" : "task still in the kernel", null, false, false);
        this.died = died;
    }
}
