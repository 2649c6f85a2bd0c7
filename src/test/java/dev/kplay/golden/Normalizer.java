package dev.kplay.golden;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises values that differ from run to run on real hardware (timestamps, addresses, pids,
 * module sizes, register values, kernel build strings), so a kplay line and the real kernel's line
 * compare equal exactly when their wording, spacing of words and order agree. The same rules as
 * /work/shared/oracle/compare/oracle_compare.py, kept in step with it.
 */
final class Normalizer {
    static final Pattern NOISE = Pattern.compile("(tsc:|clocksource:|random:|Run /init|with arguments|with environment|^\\s*/init$|HOME=|TERM=|"
            + "Freeing|Write protecting|x86/mm:|zswap|audit:|Refined TSC|input:|IPv6|e1000|ata\\d|serial|"
            + "note: .* exited with irqs disabled|Rebooting in|Code: |^RSP:|^RAX:|^RBX:|^RDX:|^RBP:|^R\\d+:|^FS:|^CS:|^CR2: [0-9a-f]{16} CR3)");

    private Normalizer() {}

    static String norm(String line) {
        String s = stripTrailing(line);
        s = s.replaceAll("\\[\\s*\\d+\\.\\d+\\]", "[T]");
        s = s.replaceAll("(at |BUG at )\\S*/([\\w.-]+\\.[ch]:\\d+)", "$1$2");
        s = s.replaceAll("\\+0x[0-9a-f]+/0x[0-9a-f]+", "+O/S");
        s = s.replaceAll("\\b[0-9a-f]{16}\\b", "H16");
        s = s.replaceAll("0x[0-9a-f]{6,}", "0xH");
        s = s.replaceAll("(PID:|pid:|ppid:)\\s*\\d+", "$1N");
        s = s.replaceAll("(task \\S+?:)\\d+", "$1N");
        s = s.replaceAll("\\(pid \\d+\\)", "(pid N)");
        s = s.replaceAll("\\b(process|pid|task) \\d+\\b", "$1 N");
        s = s.replaceAll("(scheduling while atomic: \\S+?)/\\d+/", "$1/N/");
        s = s.replaceAll("\\[\\d+\\]", "[N]");
        s = s.replaceAll("(process stack \\(offset )\\d+", "$1N");     // the stack pointer minus the buffer: gcc's frame layout, not kplay's
        s = s.replaceAll("@offset=\\d+", "@offset=N");     // SLUB's object in its slab: CONFIG_SLAB_FREELIST_RANDOM, new at each boot
        s = s.replaceAll("(stuck for \\d+s! \\[[^:\\]]+:)\\d+\\]", "$1N]");   // the soft-lockup report's [comm:pid]
        s = s.replaceAll("6\\.1\\.0-\\S+( #1\\s+(SMP )?(PREEMPT_DYNAMIC )?Debian \\S+( \\(\\S+\\))?)?", "KVER");
        Matcher t = Pattern.compile("(Tainted: [A-Z ]+?)\\s+KVER.*").matcher(s);
        if (t.find()) {
            s = s.substring(0, t.start()) + t.group(1).replaceAll("\\s+", " ") + " KVER";
        }
        s = s.replaceAll("Hardware name: .*", "Hardware name: X");
        s = s.replaceAll("PGD .*", "PGD X");
        s = s.replaceAll("^(srcversion:)\\s+\\S+", "$1 X");
        s = s.replaceAll("^(filename:)\\s+\\S*/", "$1 ");
        s = s.replaceAll("^(vermagic:)\\s+.*", "$1 X");
        if (Pattern.compile("^[a-z_0-9]+\\s+\\d{4,}\\s+-?\\d+").matcher(s).find()) {
            Matcher m = Pattern.compile("^(\\S+)\\s+\\d+\\s+(-?\\d+)(\\s.*)?$").matcher(s);
            if (m.matches()) {
                s = m.group(1) + " SZ " + m.group(2) + (m.group(3) == null ? "" : m.group(3));
            }
        }
        s = s.replaceAll("^(\\S+) \\d+ (-?\\d+) (\\S+) (Live|Loading|Unloading) 0xH", "$1 SZ $2 $3 $4 0xH");
        // the oracle's user space is busybox; kplay's is what a Debian user sees (bash, coreutils)
        s = s.replaceAll("^(\\w+): can't open '([^']*)': ", "$1: $2: ");
        // busybox cat says "cat: read error: E" where coreutils names the file: "cat: FILE: E"
        s = s.replaceAll("^cat: (read error|/[^:]*): ", "cat: FILE: ");
        s = s.replaceAll("/proc/\\d+/", "/proc/N/");
        return s.replaceAll("\\s+", " ").trim();
    }

    static List<String> norm(List<String> lines) {
        return lines.stream().map(Normalizer::norm).toList();
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The first needle not found in order in hay, or null if all are (a subsequence test). */
    static String firstMissingInOrder(List<String> needles, List<String> hay) {
        int j = 0;
        for (String n : needles) {
            while (j < hay.size() && !hay.get(j).equals(n)) {
                j++;
            }
            if (j == hay.size()) {
                return n;
            }
            j++;
        }
        return null;
    }
}
