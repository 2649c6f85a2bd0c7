package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/*
 * coreutils wc: lines, words, bytes (-l -w -c, default all three; -m characters). The column
 * width follows wc's rule: a single count of a single input is printed bare; otherwise the width
 * fits the total byte count of regular files, at least 7 when an input is a pipe or a
 * zero-sized pseudo file (its size is unknown in advance).
 */

/** wc [-l] [-w] [-c] [-m] [FILE...]. */
final class Wc {
    private Wc() {}

    static int run(Proc p) {
        boolean lines = false, words = false, bytes = false, chars = false;
        List<String> files = new ArrayList<>();
        for (String a : p.args()) {
            if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'l' -> lines = true;
                        case 'w' -> words = true;
                        case 'c' -> bytes = true;
                        case 'm' -> chars = true;
                        default -> {
                            p.eprint("wc: invalid option -- '" + c + "'\nTry 'wc --help' for more information.\n");
                            return 1;
                        }
                    }
                }
            } else {
                files.add(a);
            }
        }
        if (!lines && !words && !bytes && !chars) {
            lines = words = bytes = true;
        }
        boolean stdin = files.isEmpty();
        if (stdin) {
            files.add("-");
        }
        List<long[]> counts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        boolean unsized = false;
        long sizeSum = 0;
        int status = 0;
        for (String f : files) {
            byte[] data;
            if (f.equals("-")) {
                data = p.stdin();
                unsized = true;
            } else {
                try {
                    data = p.readFile(p.path(f));
                    long[] st = p.sys().stat(p.pid(), p.path(f));
                    long size = st == null ? 0 : st[1];
                    unsized |= size == 0;
                    sizeSum += size;
                } catch (Proc.FileError e) {
                    p.eprint("wc: " + f + ": " + Errno.strerror(e.errno) + "\n");
                    status = 1;
                    continue;
                }
            }
            String s = new String(data, StandardCharsets.UTF_8);
            long nl = s.chars().filter(c -> c == '\n').count();
            String t = s.trim();
            long w = t.isEmpty() ? 0 : t.split("\\s+").length;
            counts.add(new long[] {nl, w, s.codePointCount(0, s.length()), data.length});
            labels.add(f.equals("-") && stdin ? null : f);
        }
        if (counts.size() > 1) {
            long[] total = new long[4];
            for (long[] c : counts) {
                for (int i = 0; i < 4; i++) {
                    total[i] += c[i];
                }
            }
            counts.add(total);
            labels.add("total");
        }
        int selected = (lines ? 1 : 0) + (words ? 1 : 0) + (chars ? 1 : 0) + (bytes ? 1 : 0);
        int width = 1;
        if (!(selected == 1 && files.size() == 1)) {
            width = String.valueOf(sizeSum).length();
            if (unsized) {
                width = Math.max(width, 7);
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < counts.size(); i++) {
            long[] c = counts.get(i);
            List<String> cols = new ArrayList<>();
            if (lines) {
                cols.add(pad(c[0], width));
            }
            if (words) {
                cols.add(pad(c[1], width));
            }
            if (chars) {
                cols.add(pad(c[2], width));
            }
            if (bytes) {
                cols.add(pad(c[3], width));
            }
            b.append(String.join(" ", cols));
            if (labels.get(i) != null) {
                b.append(' ').append(labels.get(i));
            }
            b.append('\n');
        }
        p.print(b.toString());
        return status;
    }

    private static String pad(long v, int width) {
        return String.format("%" + width + "d", v);
    }
}
