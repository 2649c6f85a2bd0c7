package dev.kplay.userland;

import java.util.Locale;

/*
 * Signal numbers and names for kill, and the descriptions bash prints when a foreground job
 * dies of a signal (strsignal(): "Killed", "Segmentation fault"...). SIGINT prints nothing, as
 * bash stays silent for an interrupted job.
 */

/** x86-64 signal numbers, names and bash's death descriptions. */
public final class Signals {
    private Signals() {}

    public static final int SIGINT = 2, SIGKILL = 9, SIGTERM = 15;

    private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
        "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    /** The number of "KILL", "SIGKILL", "kill" or "9"; -1 if unknown. */
    public static int parse(String s) {
        if (s.matches("\\d+")) {
            int n = Integer.parseInt(s);
            return n >= 0 && n < 65 ? n : -1;
        }
        String up = s.toUpperCase(Locale.ROOT);
        if (up.startsWith("SIG")) {
            up = up.substring(3);
        }
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].equals(up)) {
                return i;
            }
        }
        return -1;
    }

    static String name(int sig) {
        return sig > 0 && sig < NAMES.length ? NAMES[sig] : String.valueOf(sig);
    }

    /** bash's line for a job killed by {@code sig}, or null when bash prints none. */
    public static String death(int sig) {
        return switch (sig) {
            case 1 -> "Hangup";
            case 3 -> "Quit";
            case 4 -> "Illegal instruction";
            case 5 -> "Trace/breakpoint trap";
            case 6 -> "Aborted";
            case 7 -> "Bus error";
            case 8 -> "Floating point exception";
            case 9 -> "Killed";
            case 10 -> "User defined signal 1";
            case 11 -> "Segmentation fault";
            case 12 -> "User defined signal 2";
            case 14 -> "Alarm clock";
            case 15 -> "Terminated";
            case 16 -> "Stack fault";
            case 24 -> "CPU time limit exceeded";
            case 25 -> "File size limit exceeded";
            case 26 -> "Virtual timer expired";
            case 27 -> "Profiling timer expired";
            case 29 -> "I/O possible";
            case 30 -> "Power failure";
            case 31 -> "Bad system call";
            default -> null;
        };
    }

    /** The table kill -l prints. */
    public static String table() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < NAMES.length; i++) {
            b.append(String.format("%2d) %-10s", i, "SIG" + NAMES[i]));
            b.append(i % 5 == 0 || i == NAMES.length - 1 ? "\n" : "\t");
        }
        return b.toString();
    }
}
