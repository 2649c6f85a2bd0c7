package dev.kplay.kernel;

import java.util.List;

/*
 * The kernel command line (boot_command_line in init/main.c). kplay's machine boots the way the
 * oracle's QEMU boots Debian's kernel, with "console=ttyS0 panic=1"; a session may append boot
 * parameters to it, and a scenario records them so that a link replays on the same kernel. Only
 * parameters kplay simulates are accepted. Any other one is refused with the list of those it
 * knows: a parameter that silently did nothing would be a lie about the kernel.
 *
 * Simulated today: sysctl.kernel.hung_task_timeout_secs=N, which do_sysctl_args()
 * (fs/proc/proc_sysctl.c) writes to /proc/sys/kernel/hung_task_timeout_secs before /init runs.
 */

/**
 * The parameters a session appends to the command line.
 *
 * @param extra               the appended text, words separated by single spaces ("" for none)
 * @param hungTaskTimeoutSecs the boot value of hung_task_timeout_secs, or -1 if not given
 */
public record BootParams(String extra, long hungTaskTimeoutSecs) {
    /** What the oracle's QEMU passes (-append "console=ttyS0 panic=1 ..."). */
    public static final String BASE = "console=ttyS0 panic=1";
    /** COMMAND_LINE_SIZE on x86. */
    public static final int COMMAND_LINE_SIZE = 2048;
    /** The boot parameters kplay simulates, for error messages and the page. */
    public static final List<String> KNOWN = List.of("sysctl.kernel.hung_task_timeout_secs=N");

    /** No parameters beyond the base line. */
    public static final BootParams NONE = new BootParams("", -1);

    /** The command line as setup_arch() prints it ("Command line: ...") and as QEMU passed it. */
    public String commandLine() {
        return BASE + " " + extra;
    }

    /**
     * Models parse_args() over the appended text, for the parameters kplay simulates.
     *
     * @throws IllegalArgumentException naming the parameter that kplay does not take, and why
     */
    public static BootParams parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String extra = String.join(" ", text.trim().split("\\s+"));
        if (BASE.length() + 1 + extra.length() >= COMMAND_LINE_SIZE) {
            throw new IllegalArgumentException("the kernel command line is too long (COMMAND_LINE_SIZE is "
                    + COMMAND_LINE_SIZE + ")");
        }
        long hung = -1;
        for (String word : extra.split(" ")) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? null : word.substring(eq + 1);
            if (name.equals("sysctl.kernel.hung_task_timeout_secs") || name.equals("sysctl.kernel/hung_task_timeout_secs")) {
                hung = seconds(name, value);
            } else {
                throw new IllegalArgumentException("kplay does not simulate the boot parameter \"" + word
                        + "\"; it simulates: " + String.join(", ", KNOWN));
            }
        }
        return new BootParams(extra, hung);
    }

    /** proc_dohung_task_timeout_secs() takes 0 .. LONG_MAX / HZ. */
    private static long seconds(String name, String value) {
        if (value == null || !value.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(name + " needs a number of seconds (" + name + "=5)");
        }
        long v = Long.parseLong(value);
        if (v > Long.MAX_VALUE / 250) {
            throw new IllegalArgumentException(name + "=" + value + " is out of range");
        }
        return v;
    }
}
