package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.nio.charset.StandardCharsets;
import java.util.List;

/*
 * coreutils uniq over adjacent lines: -c prefixes the count as "%7d ", -d keeps one of each
 * repeated group, -u only the lines that are not repeated, -i compares ignoring case.
 */

/** uniq [-c] [-d] [-u] [-i] [INPUT]. */
final class Uniq {
    private Uniq() {}

    static int run(Proc p) {
        boolean count = false, dups = false, uniques = false, icase = false;
        String file = "-";
        for (String a : p.args()) {
            if (a.matches("-[cdui]+")) {
                count |= a.contains("c");
                dups |= a.contains("d");
                uniques |= a.contains("u");
                icase |= a.contains("i");
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("uniq: invalid option -- '" + a.charAt(1) + "'\nTry 'uniq --help' for more information.\n");
                return 1;
            } else {
                file = a;
            }
        }
        String text;
        try {
            text = new String(p.operand(file), StandardCharsets.ISO_8859_1);
        } catch (Proc.FileError e) {
            p.eprint("uniq: " + file + ": " + Errno.strerror(e.errno) + "\n");
            return 1;
        }
        List<String> lines = List.of(Grep.splitLines(text));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); ) {
            int j = i + 1;
            while (j < lines.size() && (icase ? lines.get(j).equalsIgnoreCase(lines.get(i)) : lines.get(j).equals(lines.get(i)))) {
                j++;
            }
            int n = j - i;
            if (!(dups && n == 1) && !(uniques && n > 1)) {
                out.append(count ? String.format("%7d ", n) : "").append(lines.get(i)).append('\n');
            }
            i = j;
        }
        p.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return 0;
    }
}
