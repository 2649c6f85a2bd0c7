package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.util.Arrays;
import java.util.List;

/*
 * xxd (vim's hex dump, Debian's xxd package): "%08x: " then the bytes in hex, -g bytes to a
 * group (2), -c bytes to a line (16), the hex column padded so the text column lines up, with '.'
 * for bytes outside 0x20..0x7e; -p plain hex, 30 bytes a line; -l LEN, -s SKIP, -u uppercase.
 */

/** xxd [-p] [-u] [-c COLS] [-g BYTES] [-l LEN] [-s SEEK] [FILE]. */
final class Xxd {
    private Xxd() {}

    static int run(Proc p) {
        boolean plain = false, upper = false;
        int cols = -1, group = -1;
        long len = -1, seek = 0;
        String file = "-";
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-p") || a.equals("-ps") || a.equals("-plain")) {
                plain = true;
            } else if (a.equals("-u")) {
                upper = true;
            } else if (a.matches("-[cgls]") || a.matches("-(cols|groupsize|len|seek)")) {
                if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d+|0x[0-9a-fA-F]+")) {
                    p.eprint("xxd: option '" + a + "' requires an argument\n");
                    return 1;
                }
                String v = args.get(++i);
                long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
                switch (a.charAt(1)) {
                    case 'c' -> cols = (int) n;
                    case 'g' -> group = (int) n;
                    case 'l' -> len = n;
                    default -> seek = n;
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("xxd: unknown option " + a + "\n");
                return 1;
            } else {
                file = a;
            }
        }
        byte[] data;
        try {
            data = p.operand(file);
        } catch (Proc.FileError e) {
            p.eprint("xxd: " + file + ": " + Errno.strerror(e.errno) + "\n");
            return 2;
        }
        int from = (int) Math.min(seek, data.length);
        int to = len < 0 ? data.length : (int) Math.min(data.length, from + len);
        byte[] bytes = Arrays.copyOfRange(data, from, to);
        String hex = upper ? "%02X" : "%02x";
        StringBuilder out = new StringBuilder();
        if (plain) {
            int c = cols > 0 ? cols : 30;
            for (int k = 0; k < bytes.length; k++) {
                out.append(String.format(hex, bytes[k] & 0xff));
                if ((k + 1) % c == 0 || k == bytes.length - 1) {
                    out.append('\n');
                }
            }
            p.print(out.toString());
            return 0;
        }
        int c = cols > 0 ? cols : 16;
        int g = group >= 0 ? group : 2;
        int hexWidth = c * 2 + (g > 0 ? (c + g - 1) / g - 1 : 0);
        for (int off = 0; off < bytes.length; off += c) {
            out.append(String.format("%08x: ", from + off));
            StringBuilder h = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < c && off + k < bytes.length; k++) {
                if (k > 0 && g > 0 && k % g == 0) {
                    h.append(' ');
                }
                int b = bytes[off + k] & 0xff;
                h.append(String.format(hex, b));
                text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append(h).append(" ".repeat(Math.max(0, hexWidth - h.length()))).append("  ").append(text).append('\n');
        }
        p.print(out.toString());
        return 0;
    }
}
