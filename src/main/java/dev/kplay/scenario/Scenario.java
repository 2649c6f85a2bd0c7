package dev.kplay.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * A scenario: what a kernel session was, as data someone can send in a link. It is the session's
 * event log in a readable form: the starting files, then each step in order (file edits, builds,
 * command lines, the virtual time that passed between them, Ctrl-C, reboots). Because the kernel
 * is a pure function of that log, replaying it gives the same terminal and dmesg, timestamps
 * included. A recorded scenario also carries what each step printed and the final dmesg, so a
 * replay that no longer matches (a kplay upgrade changed a message) is detected and reported.
 */

/**
 * Version 1 of the scenario format (see the README for the JSON).
 *
 * @param title       a short name (optional)
 * @param description Markdown explaining it (optional)
 * @param files       the files in /root before the first step, in order
 * @param steps       what happened, in order
 * @param dmesg       the whole kernel log after the last step in console format, or null if unrecorded
 * @param cmdline     the boot parameters the first kernel gets after "console=ttyS0 panic=1" ("" for none)
 */
public record Scenario(String title, String description, Map<String, String> files, List<Step> steps, String dmesg,
                       String cmdline) {
    /** The format version this kplay writes and reads. */
    public static final int VERSION = 1;

    public Scenario {
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        steps = steps == null ? List.of() : List.copyOf(steps);
        cmdline = cmdline == null ? "" : cmdline;
    }

    /** A scenario booting with no extra parameters. */
    public Scenario(String title, String description, Map<String, String> files, List<Step> steps, String dmesg) {
        this(title, description, files, steps, dmesg, "");
    }

    /** The first {@code n} steps, without the recorded final dmesg (it belongs to the whole). */
    public Scenario prefix(int n) {
        return new Scenario(title, description, files, steps.subList(0, Math.min(n, steps.size())), null, cmdline);
    }

    /** The same scenario with nothing recorded (what a replay is checked against is gone). */
    public Scenario unrecorded() {
        return new Scenario(title, description, files, steps.stream().map(Step::unrecorded).toList(), null, cmdline);
    }

    /** One thing that happened. Output fields are what it printed when recorded, null if not. */
    public sealed interface Step {
        /** The step with its recorded output dropped. */
        default Step unrecorded() { return this; }

        /** A file was written (created or replaced) in /root. */
        record Write(String name, String text) implements Step {}

        /** A file was deleted from /root. */
        record Delete(String name) implements Step {}

        /** Build (make): kbuild's output and whether it succeeded. */
        record Build(String output, Boolean ok) implements Step {
            @Override public Step unrecorded() { return new Build(null, null); }
        }

        /**
         * A command line ran; {@code interruptAfterNanos} is how long it slept before a Ctrl-C
         * ended the sleep, or -1. {@code cwd} is the shell's directory afterwards when recorded and
         * not /root (the prompt shows it), else null.
         */
        record Exec(String command, long interruptAfterNanos, String output, Integer exitCode, String cwd) implements Step {
            public Exec(String command, long interruptAfterNanos, String output, Integer exitCode) {
                this(command, interruptAfterNanos, output, exitCode, null);
            }

            @Override public Step unrecorded() { return new Exec(command, interruptAfterNanos, null, null); }
        }

        /** A signal (2 is Ctrl-C) reached the foreground job still blocked in the kernel. */
        record Signal(int signal, String output, Integer exitCode) implements Step {
            @Override public Step unrecorded() { return new Signal(signal, null, null); }
        }

        /**
         * Bytes typed at the terminal for the foreground job (a line with its newline; ^D as
         * "\u0004"): the terminal's echo and what the job printed after reading them, its exit
         * status if it ended (null while it runs).
         */
        record Input(String text, String output, Integer exitCode) implements Step {
            @Override public Step unrecorded() { return new Input(text, null, null); }
        }

        /**
         * Virtual time passed with nothing else happening (the user was reading, typing...);
         * {@code output} is what running jobs printed meanwhile (null if unrecorded or none).
         */
        record Wait(long nanos, String output) implements Step {
            public Wait(long nanos) {
                this(nanos, null);
            }

            @Override public Step unrecorded() { return new Wait(nanos, null); }
        }

        /**
         * The kernel was rebooted; the files stay. {@code stock}: Debian's kernel even when ~/linux has a
         * newer build; {@code cmdline}: its new boot parameters, or null for the same.
         */
        record Reboot(boolean stock, String cmdline) implements Step {
            public Reboot() {
                this(false, null);
            }

            public Reboot(String cmdline) {
                this(false, cmdline);
            }
        }
    }
}
