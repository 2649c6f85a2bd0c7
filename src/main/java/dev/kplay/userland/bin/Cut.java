package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/*
 * coreutils cut: -b/-c LIST (bytes and characters are the same in the C locale) or -f LIST with
 * -d DELIM (TAB by default), -s to drop lines without a delimiter, --output-delimiter. A LIST is
 * N, N-M, N- and -M, comma-separated, 1-based.
 */

/** cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE...]. */
final class Cut {
    private Cut() {}

    private static final String TRY = "Try 'cut --help' for more information.\n";

    static int run(Proc p) {
        String list = null;
        char mode = 0;
        String delim = "\t";
        String outDelim = null;
        boolean onlyDelimited = false;
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--output-delimiter=")) {
                outDelim = a.substring(19);
            } else if (a.equals("-s") || a.equals("--only-delimited")) {
                onlyDelimited = true;
            } else if (a.length() >= 2 && a.charAt(0) == '-' && "bcfd".indexOf(a.charAt(1)) >= 0) {
                String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
                if (v == null) {
                    p.eprint("cut: option requires an argument -- '" + a.charAt(1) + "'\n" + TRY);
                    return 1;
                }
                if (a.charAt(1) == 'd') {
                    if (v.length() != 1) {
                        p.eprint("cut: the delimiter must be a single character\n" + TRY);
                        return 1;
                    }
                    delim = v;
                } else {
                    if (mode != 0) {
                        p.eprint("cut: only one type of list may be specified\n" + TRY);
                        return 1;
                    }
                    mode = a.charAt(1);
                    list = v;
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("cut: invalid option -- '" + a.charAt(1) + "'\n" + TRY);
                return 1;
            } else {
                files.add(a);
            }
        }
        if (mode == 0) {
            p.eprint("cut: you must specify a list of bytes, characters, or fields\n" + TRY);
            return 1;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            if (!part.matches("\\d*-?\\d*") || part.isEmpty() || part.equals("-")) {
                p.eprint("cut: invalid " + (mode == 'f' ? "field" : "byte/character") + " value '" + part + "'\n" + TRY);
                return 1;
            }
            int dash = part.indexOf('-');
            int lo = dash == 0 ? 1 : Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int hi = dash < 0 ? lo : dash == part.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(part.substring(dash + 1));
            if (lo == 0) {
                p.eprint("cut: " + (mode == 'f' ? "fields" : "byte/character positions") + " are numbered from 1\n" + TRY);
                return 1;
            }
            ranges.add(new int[] {lo, hi});
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        StringBuilder out = new StringBuilder();
        int status = 0;
        for (String f : files) {
            String text;
            try {
                text = new String(p.operand(f), StandardCharsets.ISO_8859_1);
            } catch (Proc.FileError e) {
                p.eprint("cut: " + f + ": " + Errno.strerror(e.errno) + "\n");
                status = 1;
                continue;
            }
            for (String line : Grep.splitLines(text)) {
                if (mode != 'f') {
                    StringBuilder b = new StringBuilder();
                    for (int k = 0; k < line.length(); k++) {
                        if (in(ranges, k + 1)) {
                            b.append(line.charAt(k));
                        }
                    }
                    out.append(b).append('\n');
                    continue;
                }
                if (!line.contains(delim)) {
                    if (!onlyDelimited) {
                        out.append(line).append('\n');
                    }
                    continue;
                }
                String[] fields = line.split(java.util.regex.Pattern.quote(delim), -1);
                StringBuilder b = new StringBuilder();
                boolean first = true;
                for (int k = 0; k < fields.length; k++) {
                    if (in(ranges, k + 1)) {
                        if (!first) {
                            b.append(outDelim != null ? outDelim : delim);
                        }
                        b.append(fields[k]);
                        first = false;
                    }
                }
                out.append(b).append('\n');
            }
        }
        p.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return status;
    }

    private static boolean in(List<int[]> ranges, int n) {
        for (int[] r : ranges) {
            if (n >= r[0] && n <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
