package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/*
 * GNU grep 3.8 for the common options: -v -i -c -n -l -q -h -H -w -x -o -E -F -e and context
 * -A/-B/-C with "--" between groups. Patterns are POSIX basic regular expressions unless -E/-F;
 * they are translated to java.util.regex (BRE's \( \) \{ \} \| \+ \? are operators, the bare
 * characters literals; [[:digit:]]-style classes become \p{Digit}).
 */

/** grep [OPTIONS] PATTERN [FILE...]. */
public final class Grep {
    private Grep() {}

    static int run(Proc p) {
        boolean invert = false, icase = false, count = false, number = false, list = false, quiet = false;
        boolean word = false, line = false, only = false, extended = false, fixed = false;
        Boolean names = null;
        int after = 0, before = 0;
        List<String> patterns = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        boolean opts = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (opts && a.equals("--")) {
                opts = false;
            } else if (opts && a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if ("ABCe".indexOf(c) >= 0) {
                        String v = j + 1 < a.length() ? a.substring(j + 1) : i + 1 < args.size() ? args.get(++i) : null;
                        if (v == null) {
                            p.eprint("grep: option requires an argument -- '" + c + "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"
                                    + "Try 'grep --help' for more information.\n");
                            return 2;
                        }
                        if (c == 'e') {
                            patterns.add(v);
                        } else if (!v.matches("\\d+")) {
                            p.eprint("grep: " + v + ": invalid context length argument\n");
                            return 2;
                        } else {
                            int n = Integer.parseInt(v);
                            if (c != 'B') {
                                after = n;
                            }
                            if (c != 'A') {
                                before = n;
                            }
                        }
                        break;
                    }
                    switch (c) {
                        case 'v' -> invert = true;
                        case 'i', 'y' -> icase = true;
                        case 'c' -> count = true;
                        case 'n' -> number = true;
                        case 'l' -> list = true;
                        case 'q', 's' -> quiet = c == 'q' || quiet;
                        case 'w' -> word = true;
                        case 'x' -> line = true;
                        case 'o' -> only = true;
                        case 'E' -> extended = true;
                        case 'F' -> fixed = true;
                        case 'G' -> extended = false;
                        case 'h' -> names = false;
                        case 'H' -> names = true;
                        default -> {
                            p.eprint("grep: invalid option -- '" + c + "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"
                                    + "Try 'grep --help' for more information.\n");
                            return 2;
                        }
                    }
                }
            } else if (patterns.isEmpty() && !argsHadE(args)) {
                patterns.add(a);
            } else {
                files.add(a);
            }
        }
        if (patterns.isEmpty()) {
            p.eprint("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
            return 2;
        }
        if (p.argv().get(0).endsWith("egrep")) {
            extended = true;
        }
        List<Pattern> res = new ArrayList<>();
        try {
            for (String pat : patterns) {
                for (String one : pat.split("\n", -1)) {
                    String re = fixed ? Pattern.quote(one) : extended ? posixClasses(one) : bre(one);
                    if (word) {
                        re = "(?<![\\w])(?:" + re + ")(?![\\w])";
                    }
                    if (line) {
                        re = "^(?:" + re + ")$";
                    }
                    res.add(Pattern.compile(re, icase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
                }
            }
        } catch (PatternSyntaxException e) {
            p.eprint("grep: Unmatched ( or \\(\n");
            return 2;
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        boolean showNames = names != null ? names : files.size() > 1;
        boolean any = false;
        boolean error = false;
        StringBuilder out = new StringBuilder();
        for (String f : files) {
            byte[] data;
            try {
                data = p.operand(f);
            } catch (Proc.FileError e) {
                p.eprint("grep: " + f + ": " + Errno.strerror(e.errno) + "\n");
                error = true;
                continue;
            }
            String label = f.equals("-") ? "(standard input)" : f;
            String[] lines = splitLines(new String(data, StandardCharsets.UTF_8));
            int matches = 0;
            int lastPrinted = -1;
            int afterLeft = 0;
            boolean printedAny = false;
            for (int i = 0; i < lines.length; i++) {
                boolean hit = false;
                for (Pattern re : res) {
                    hit |= re.matcher(lines[i]).find();
                }
                if (hit == invert) {
                    if (afterLeft > 0 && !count && !list && !quiet) {
                        out.append(prefix(showNames, label, number, i, '-')).append(lines[i]).append('\n');
                        lastPrinted = i;
                        afterLeft--;
                    }
                    continue;
                }
                matches++;
                any = true;
                if (count || list || quiet) {
                    continue;
                }
                int from = Math.max(lastPrinted + 1, i - before);
                if (printedAny && (after > 0 || before > 0) && from > lastPrinted + 1) {
                    out.append("--\n");
                }
                for (int k = from; k < i; k++) {
                    out.append(prefix(showNames, label, number, k, '-')).append(lines[k]).append('\n');
                }
                if (only && !invert) {
                    for (Pattern re : res) {
                        var m = re.matcher(lines[i]);
                        while (m.find()) {
                            if (!m.group().isEmpty()) {
                                out.append(prefix(showNames, label, number, i, ':')).append(m.group()).append('\n');
                            }
                        }
                    }
                } else {
                    out.append(prefix(showNames, label, number, i, ':')).append(lines[i]).append('\n');
                }
                lastPrinted = i;
                printedAny = true;
                afterLeft = after;
            }
            if (count) {
                out.append(showNames ? label + ":" : "").append(matches).append('\n');
            } else if (list && matches > 0) {
                out.append(label).append('\n');
            }
        }
        if (!quiet) {
            p.print(out.toString());
        }
        if (error && !(quiet && any)) {
            return 2;
        }
        return any ? 0 : 1;
    }

    private static boolean argsHadE(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('e') > 0 && a.matches("-[a-zA-Z]*e.*")) {
                return true;
            }
        }
        return false;
    }

    private static String prefix(boolean names, String label, boolean number, int i, char sep) {
        StringBuilder b = new StringBuilder();
        if (names) {
            b.append(label).append(sep);
        }
        if (number) {
            b.append(i + 1).append(sep);
        }
        return b.toString();
    }

    /** Lines without their newlines; a final newline does not start an empty line. */
    static String[] splitLines(String s) {
        if (s.isEmpty()) {
            return new String[0];
        }
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.split("\n", -1);
    }

    /** A POSIX basic regular expression as a java.util.regex pattern. */
    public static String bre(String bre) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char n = bre.charAt(++i);
                if ("(){}|+?".indexOf(n) >= 0) {
                    b.append(n);
                } else {
                    b.append('\\').append(n);
                }
            } else if ("(){}|+?".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else if (c == '[') {
                int close = bracketEnd(bre, i);
                b.append(posixClasses(bre.substring(i, close + 1)));
                i = close;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int bracketEnd(String s, int open) {
        int i = open + 1;
        if (i < s.length() && s.charAt(i) == '^') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
        }
        while (i < s.length() && s.charAt(i) != ']') {
            if (s.startsWith("[:", i)) {
                int e = s.indexOf(":]", i + 2);
                i = e < 0 ? i + 1 : e + 2;
            } else {
                i++;
            }
        }
        return Math.min(i, s.length() - 1);
    }

    public static String posixClasses(String s) {
        return s.replace("[:digit:]", "\\p{Digit}").replace("[:alpha:]", "\\p{Alpha}")
                .replace("[:alnum:]", "\\p{Alnum}").replace("[:space:]", "\\s").replace("[:upper:]", "\\p{Upper}")
                .replace("[:lower:]", "\\p{Lower}").replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}")
                .replace("[:blank:]", " \\t");
    }
}
