package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;
import java.nio.charset.StandardCharsets;
import java.util.List;

/*
 * coreutils tr over bytes: SET1 [SET2] with ranges (a-z), classes ([:lower:], [:digit:], ...),
 * and escapes (\n \t \\ \NNN); -d deletes, -s squeezes repeats, -c takes SET1's complement.
 * SET2 is padded with its last character to SET1's length, as GNU does.
 */

/** tr [-c] [-d] [-s] SET1 [SET2]. */
final class Tr {
    private Tr() {}

    private static final String TRY = "Try 'tr --help' for more information.\n";

    static int run(Proc p) {
        boolean complement = false, delete = false, squeeze = false;
        List<String> sets = new java.util.ArrayList<>();
        for (String a : p.args()) {
            if (a.matches("-[cdsC]+") ) {
                complement |= a.contains("c") || a.contains("C");
                delete |= a.contains("d");
                squeeze |= a.contains("s");
            } else {
                sets.add(a);
            }
        }
        if (sets.isEmpty()) {
            p.eprint("tr: missing operand\n" + TRY);
            return 1;
        }
        if (!delete && !squeeze && sets.size() < 2) {
            p.eprint("tr: missing operand after '" + sets.get(0) + "'\nTwo strings must be given when translating.\n" + TRY);
            return 1;
        }
        if (delete && !squeeze && sets.size() > 1) {
            p.eprint("tr: extra operand '" + sets.get(1) + "'\nOnly one string may be given when deleting without squeezing repeats.\n" + TRY);
            return 1;
        }
        String set1 = expand(sets.get(0));
        if (complement) {
            StringBuilder c = new StringBuilder();
            for (char ch = 0; ch < 256; ch++) {
                if (set1.indexOf(ch) < 0) {
                    c.append(ch);
                }
            }
            set1 = c.toString();
        }
        String set2 = sets.size() > 1 ? expand(sets.get(1)) : "";
        String in = new String(p.stdin(), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        boolean translate = !delete && sets.size() > 1;
        String squeezeSet = delete || !translate ? (delete ? set2 : set1) : set2;
        char last = 0;
        boolean haveLast = false;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (delete && set1.indexOf(c) >= 0) {
                continue;
            }
            if (translate) {
                int at = set1.lastIndexOf(c);
                if (at >= 0 && !set2.isEmpty()) {
                    c = set2.charAt(Math.min(at, set2.length() - 1));
                }
            }
            if (squeeze && haveLast && c == last && squeezeSet.indexOf(c) >= 0) {
                continue;
            }
            out.append(c);
            last = c;
            haveLast = true;
        }
        p.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return 0;
    }

    /** A SET with its escapes, ranges and classes spelled out. */
    static String expand(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("[:", i)) {
                int e = s.indexOf(":]", i + 2);
                if (e > 0) {
                    String cls = s.substring(i + 2, e);
                    for (char c = 0; c < 128; c++) {
                        if (inClass(cls, c)) {
                            b.append(c);
                        }
                    }
                    i = e + 1;
                    continue;
                }
            }
            int[] at = {i};
            char c = one(s, at);
            if (at[0] + 1 < s.length() && s.charAt(at[0] + 1) == '-' && at[0] + 2 < s.length()) {
                int[] hiAt = {at[0] + 2};
                char hi = one(s, hiAt);
                for (char x = c; x <= hi; x++) {
                    b.append(x);
                }
                i = hiAt[0];
                continue;
            }
            b.append(c);
            i = at[0];
        }
        return b.toString();
    }

    private static char one(String s, int[] at) {
        char c = s.charAt(at[0]);
        if (c != '\\' || at[0] + 1 >= s.length()) {
            return c;
        }
        char n = s.charAt(++at[0]);
        switch (n) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return 7;
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return 11;
            default:
                if (n >= '0' && n <= '7') {
                    int v = n - '0';
                    for (int k = 0; k < 2 && at[0] + 1 < s.length() && s.charAt(at[0] + 1) >= '0' && s.charAt(at[0] + 1) <= '7'; k++) {
                        v = v * 8 + s.charAt(++at[0]) - '0';
                    }
                    return (char) v;
                }
                return n;
        }
    }

    private static boolean inClass(String cls, char c) {
        return switch (cls) {
            case "lower" -> c >= 'a' && c <= 'z';
            case "upper" -> c >= 'A' && c <= 'Z';
            case "digit" -> c >= '0' && c <= '9';
            case "alpha" -> Character.isLetter(c);
            case "alnum" -> Character.isLetterOrDigit(c);
            case "space" -> c == ' ' || c >= 9 && c <= 13;
            case "blank" -> c == ' ' || c == '\t';
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "xdigit" -> Character.digit(c, 16) >= 0;
            case "cntrl" -> c < 32 || c == 127;
            case "print" -> c >= 32 && c < 127;
            case "graph" -> c > 32 && c < 127;
            default -> false;
        };
    }
}
