package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/*
 * coreutils sort in the C locale (byte order, as the oracle's root shell has it): -n, -r, -u, -f,
 * -t SEP, -k START[,END] with per-key n/r/f, and GNU's last-resort comparison of whole lines when
 * the keys tie (skipped by -s and -u). Without -t a field starts at the blanks before it, so a
 * plain key includes its leading blanks, as GNU's does.
 */

/** sort [-n] [-r] [-u] [-f] [-s] [-t SEP] [-k KEY]... [FILE...]. */
final class Sort {
    private Sort() {}

    private record Key(int start, int end, boolean numeric, boolean reverse, boolean fold) {}

    static int run(Proc p) {
        boolean numeric = false, reverse = false, unique = false, fold = false, stable = false;
        String sep = null;
        List<String> keySpecs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-k") || a.equals("-t")) {
                if (i + 1 >= args.size()) {
                    p.eprint("sort: option requires an argument -- '" + a.charAt(1) + "'\nTry 'sort --help' for more information.\n");
                    return 2;
                }
                if (a.equals("-k")) {
                    keySpecs.add(args.get(++i));
                } else {
                    sep = args.get(++i);
                }
            } else if (a.startsWith("-k")) {
                keySpecs.add(a.substring(2));
            } else if (a.startsWith("-t")) {
                sep = a.substring(2);
            } else if (a.matches("-[nrufsb]+")) {
                numeric |= a.contains("n");
                reverse |= a.contains("r");
                unique |= a.contains("u");
                fold |= a.contains("f");
                stable |= a.contains("s");
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("sort: invalid option -- '" + a.charAt(1) + "'\nTry 'sort --help' for more information.\n");
                return 2;
            } else {
                files.add(a);
            }
        }
        if (sep != null && sep.length() != 1) {
            p.eprint("sort: multi-character tab '" + sep + "'\n");
            return 2;
        }
        List<Key> keys = new ArrayList<>();
        for (String k : keySpecs) {
            String[] parts = k.split(",", 2);
            String s = parts[0].replaceAll("[a-zA-Z]", "");
            String e = parts.length > 1 ? parts[1].replaceAll("[a-zA-Z]", "") : "";
            String mods = k.replaceAll("[^a-zA-Z]", "");
            if (!s.matches("\\d+") || !e.matches("\\d*") || Integer.parseInt(s) == 0) {
                p.eprint("sort: invalid number at field start: invalid count at start of '" + k + "'\n");
                return 2;
            }
            boolean own = !mods.isEmpty();
            keys.add(new Key(Integer.parseInt(s), e.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(e),
                    own ? mods.contains("n") : numeric, own ? mods.contains("r") : reverse, own ? mods.contains("f") : fold));
        }
        if (keys.isEmpty()) {
            keys.add(new Key(1, Integer.MAX_VALUE, numeric, reverse, fold));
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        List<String> lines = new ArrayList<>();
        for (String f : files) {
            try {
                lines.addAll(List.of(Grep.splitLines(new String(p.operand(f), StandardCharsets.ISO_8859_1))));
            } catch (Proc.FileError e) {
                p.eprint("sort: cannot read: " + f + ": " + Errno.strerror(e.errno) + "\n");
                return 2;
            }
        }
        String tab = sep;
        Comparator<String> byKeys = (x, y) -> {
            for (Key k : keys) {
                String kx = field(x, k, tab);
                String ky = field(y, k, tab);
                int c = k.numeric() ? Double.compare(number(kx), number(ky))
                        : k.fold() ? kx.toUpperCase().compareTo(ky.toUpperCase()) : kx.compareTo(ky);
                if (c != 0) {
                    return k.reverse() ? -c : c;
                }
            }
            return 0;
        };
        boolean lastResort = !stable && !unique;
        boolean rev = reverse;
        Comparator<String> order = lastResort ? byKeys.thenComparing((x, y) -> rev ? y.compareTo(x) : x.compareTo(y)) : byKeys;
        lines.sort(order);
        StringBuilder out = new StringBuilder();
        String prev = null;
        for (String l : lines) {
            if (unique && prev != null && byKeys.compare(prev, l) == 0) {
                continue;
            }
            out.append(l).append('\n');
            prev = l;
        }
        p.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return 0;
    }

    /** The text of key k in line: fields start..end, split at sep or at blank-to-nonblank transitions. */
    private static String field(String line, Key k, String sep) {
        if (k.start() == 1 && k.end() == Integer.MAX_VALUE) {
            return line;
        }
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        if (sep != null) {
            int from = 0;
            while (true) {
                starts.add(from);
                int i = line.indexOf(sep.charAt(0), from);
                if (i < 0) {
                    ends.add(line.length());
                    break;
                }
                ends.add(i);
                from = i + 1;
            }
        } else {
            int i = 0;
            while (i < line.length()) {
                int s = i;
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    i++;
                }
                starts.add(s);
                ends.add(i);
            }
        }
        if (k.start() > starts.size()) {
            return "";
        }
        int from = starts.get(k.start() - 1);
        int to = k.end() >= ends.size() ? line.length() : ends.get(k.end() - 1);
        return line.substring(from, Math.max(from, to));
    }

    /** GNU -n: optional blanks, an optional '-', digits with an optional fraction; anything else is 0. */
    private static double number(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[ \\t]*(-?(\\d+\\.?\\d*|\\.\\d+))").matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
