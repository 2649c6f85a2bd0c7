package dev.kplay.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a /proc/PID/stat line kplay printed with the real kernel's, field by field (do_task_stat()'s
 * 52 fields, numbered as in proc(5)). A kernel thread's line must match in every field but those that
 * differ from run to run on real hardware: the pid (1), the CPU times (14-15) and the start time (22).
 * A user process's line must match in its state (3), flags (9), scheduling (18-21), rsslim (25), stack
 * and instruction pointers, pending and blocked signals (29-32), wchan (35) and the fields after it up
 * to cguest_time (36-44), and its exit code (52); not in its ids of process group, session and terminal
 * (the oracle's script runs under an initramfs /init with no session or terminal, kplay's shell is a
 * login bash on pts/0), its page faults and times, its ignored and caught signals (busybox ash's
 * dispositions there, bash's here), nor its memory layout (busybox's static binary there, kplay's
 * built-in programs here).
 */
final class StatFields {
    /** The fields of a user process's line that must match (1-based). */
    private static final int[] USER = {3, 9, 18, 19, 20, 21, 25, 29, 30, 31, 32, 35, 36, 37, 38, 39, 40, 41, 42, 43,
        44, 52};
    private static final int PF_KTHREAD = 0x200000;

    private StatFields() {}

    /** The fields of a stat line: pid, comm (without its parentheses), then the rest. */
    static List<String> fields(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        List<String> f = new ArrayList<>();
        if (open < 0 || close < open) {
            return f;
        }
        f.add(line.substring(0, open).trim());
        f.add(line.substring(open + 1, close));
        for (String s : line.substring(close + 1).trim().split(" ")) {
            f.add(s);
        }
        return f;
    }

    /** The differences between kplay's stat line and the real one (empty: they agree). */
    static List<String> compare(String got, String real) {
        List<String> g = fields(got);
        List<String> r = fields(real);
        List<String> diffs = new ArrayList<>();
        if (g.size() != 52 || r.size() != 52) {
            diffs.add("stat has " + g.size() + " fields, real " + r.size() + ": " + got);
            return diffs;
        }
        boolean kthread = (Long.parseLong(r.get(8)) & PF_KTHREAD) != 0;
        List<Integer> checked = new ArrayList<>();
        if (kthread) {
            for (int i = 2; i <= 52; i++) {
                if (i != 14 && i != 15 && i != 22) {
                    checked.add(i);
                }
            }
        } else {
            for (int i : USER) {
                checked.add(i);
            }
        }
        for (int i : checked) {
            if (!g.get(i - 1).equals(r.get(i - 1))) {
                diffs.add("stat field " + i + " of " + r.get(1) + ": " + g.get(i - 1) + ", real " + r.get(i - 1));
            }
        }
        return diffs;
    }
}
