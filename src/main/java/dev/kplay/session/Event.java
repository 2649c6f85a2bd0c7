package dev.kplay.session;

/*
 * The session's event log entries. A kernel is a pure function of its log: replaying the same
 * events into a fresh session gives byte-identical output. Wall-clock effects are recorded as
 * their virtual outcome (TimePassed; the amount of sleep a Ctrl-C cut short), never as wall time.
 */

/** One thing that happened to a session, in the order it happened. */
public sealed interface Event {
    /** A client wrote a source file. */
    record FileWritten(String name, String text) implements Event {}

    /** A client deleted a source file. */
    record FileDeleted(String name) implements Event {}

    /** A client pressed Build. */
    record Built() implements Event {}

    /**
     * A command line ran; {@code interruptAfterNanos} is how much sleeping it did before a
     * Ctrl-C ended its sleep, or -1 if none did.
     */
    record Executed(String command, long interruptAfterNanos) implements Event {}

    /** A signal was sent to the foreground job that was still running. */
    record Signalled(int signal) implements Event {}

    /**
     * Bytes were typed at the terminal while a foreground job ran (a line with its newline, or
     * ^D as byte 4): the tty's line discipline takes them (see userland Tty).
     */
    record Typed(String text) implements Event {}

    /** Idle time passed between requests. */
    record TimePassed(long nanos) implements Event {}

    /**
     * The kernel was rebooted (same files, fresh kernel): the newest kernel built in ~/linux, or the
     * stock kernel when none was built or {@code stock} asks for it; {@code cmdline} is the boot
     * parameters of the new kernel, or null to keep those of the last boot.
     */
    record Rebooted(boolean stock, String cmdline) implements Event {
        public Rebooted() {
            this(false, null);
        }

        public Rebooted(boolean stock) {
            this(stock, null);
        }
    }

    /** Only ever the first event: the first kernel booted with these boot parameters (not empty). */
    record Booted(String cmdline) implements Event {}
}
