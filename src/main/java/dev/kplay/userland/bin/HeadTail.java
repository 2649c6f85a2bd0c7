package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * coreutils head and tail: the first or last N lines (-n N, -N) or bytes (-c N) of each file,
 * with "==> FILE <==" headers when there are several. One class because the two differ only in
 * which end they keep.
 */

/** head/tail [-n N | -c N | -N] [FILE...]. */
final class HeadTail {
    private HeadTail() {}

    static int head(Proc p) {
        return run(p, true);
    }

    static int tail(Proc p) {
        return run(p, false);
    }

    private static int run(Proc p, boolean head) {
        String tool = head ? "head" : "tail";
        long n = 10;
        boolean bytes = false;
        boolean fromStart = false;
        boolean quiet = false;
        boolean allBut = false;
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("-c") || (a.startsWith("-n") || a.startsWith("-c")) && a.length() > 2) {
                String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
                if (v == null) {
                    p.eprint(tool + ": option requires an argument -- '" + a.charAt(1) + "'\nTry '" + tool
                            + " --help' for more information.\n");
                    return 1;
                }
                bytes = a.charAt(1) == 'c';
                if (!head && v.startsWith("+")) {
                    fromStart = true;
                    v = v.substring(1);
                }
                if (v.startsWith("-") && head) {
                    v = v.substring(1);
                    allBut = true;
                }
                if (!v.matches("\\d+")) {
                    p.eprint(tool + ": invalid number of " + (bytes ? "bytes" : "lines") + ": '" + v + "'\n");
                    return 1;
                }
                n = Long.parseLong(v);
            } else if (a.matches("-\\d+")) {
                n = Long.parseLong(a.substring(1));
            } else if (a.equals("-q")) {
                quiet = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint(tool + ": invalid option -- '" + a.charAt(1) + "'\nTry '" + tool + " --help' for more information.\n");
                return 1;
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        int status = 0;
        boolean first = true;
        for (String f : files) {
            byte[] data;
            try {
                data = p.operand(f);
            } catch (Proc.FileError e) {
                p.eprint(tool + ": cannot open '" + f + "' for reading: " + Errno.strerror(e.errno) + "\n");
                status = 1;
                continue;
            }
            if (files.size() > 1 && !quiet) {
                p.print((first ? "" : "\n") + "==> " + (f.equals("-") ? "standard input" : f) + " <==\n");
            }
            first = false;
            p.write(allBut ? allBut(data, n, bytes) : select(data, n, bytes, head, fromStart));
        }
        return status;
    }

    /** head -n -N / -c -N: all but the last N lines or bytes. */
    static byte[] allBut(byte[] data, long n, boolean bytes) {
        if (bytes) {
            return Arrays.copyOf(data, (int) Math.max(0, data.length - n));
        }
        byte[] tail = select(data, n, false, false, false);
        return Arrays.copyOf(data, data.length - tail.length);
    }

    static byte[] select(byte[] data, long n, boolean bytes, boolean head, boolean fromStart) {
        if (bytes) {
            int k = (int) Math.min(n, data.length);
            if (head) {
                return Arrays.copyOf(data, k);
            }
            int start = fromStart ? (int) Math.min(Math.max(n - 1, 0), data.length) : data.length - k;
            return Arrays.copyOfRange(data, start, data.length);
        }
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                ends.add(i + 1);
            }
        }
        if (data.length > 0 && data[data.length - 1] != '\n') {
            ends.add(data.length);
        }
        if (head) {
            int end = n == 0 ? 0 : n >= ends.size() ? data.length : ends.get((int) n - 1);
            return Arrays.copyOf(data, end);
        }
        int lines = ends.size();
        long skip = fromStart ? Math.max(n - 1, 0) : Math.max(lines - n, 0);
        int start = skip == 0 ? 0 : skip >= lines ? data.length : ends.get((int) skip - 1);
        return Arrays.copyOfRange(data, start, data.length);
    }
}
