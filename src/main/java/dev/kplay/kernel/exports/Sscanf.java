package dev.kplay.kernel.exports;

import dev.kplay.kernel.mm.AddressSpace;

/*
 * lib/vsprintf.c vsscanf(), reduced to the conversions modules use: %d %i %u %x %o with h/hh/l/ll
 * sizes, %s, %c, %n and literal matching. Returns the number of assignments.
 */

/** sscanf for the kernel. */
final class Sscanf {
    private Sscanf() {}

    static long scan(String in, String fmt, long[] args, int from, AddressSpace mem) {
        int ip = 0;
        int ai = from;
        int count = 0;
        for (int f = 0; f < fmt.length(); f++) {
            char c = fmt.charAt(f);
            if (Character.isWhitespace(c)) {
                while (ip < in.length() && Character.isWhitespace(in.charAt(ip))) {
                    ip++;
                }
                continue;
            }
            if (c != '%') {
                if (ip >= in.length() || in.charAt(ip) != c) {
                    return count;
                }
                ip++;
                continue;
            }
            f++;
            if (f >= fmt.length()) {
                break;
            }
            boolean skip = fmt.charAt(f) == '*';
            if (skip) {
                f++;
            }
            int width = 0;
            while (f < fmt.length() && Character.isDigit(fmt.charAt(f))) {
                width = width * 10 + fmt.charAt(f++) - '0';
            }
            int size = 4;
            while (f < fmt.length() && "hlzL".indexOf(fmt.charAt(f)) >= 0) {
                char q = fmt.charAt(f++);
                size = q == 'h' ? (size == 2 ? 1 : 2) : 8;
            }
            char conv = fmt.charAt(f);
            if (conv == 'n') {
                mem.store(args[ai++], 4, ip);
                continue;
            }
            if (conv == '%') {
                if (ip >= in.length() || in.charAt(ip) != '%') {
                    return count;
                }
                ip++;
                continue;
            }
            if (conv != 'c') {
                while (ip < in.length() && Character.isWhitespace(in.charAt(ip))) {
                    ip++;
                }
            }
            if (ip >= in.length()) {
                return count;
            }
            int limit = width > 0 ? Math.min(in.length(), ip + width) : in.length();
            switch (conv) {
                case 'c' -> {
                    int n = Math.max(1, width);
                    for (int i = 0; i < n && ip < in.length(); i++) {
                        char ch = in.charAt(ip++);
                        if (!skip) {
                            mem.store(args[ai] + i, 1, ch);
                        }
                    }
                    if (!skip) {
                        ai++;
                        count++;
                    }
                }
                case 's' -> {
                    int start = ip;
                    while (ip < limit && !Character.isWhitespace(in.charAt(ip))) {
                        ip++;
                    }
                    if (!skip) {
                        mem.writeCString(args[ai++], in.substring(start, ip));
                        count++;
                    }
                }
                case 'd', 'i', 'u', 'x', 'X', 'o' -> {
                    int base = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10;
                    int start = ip;
                    boolean neg = false;
                    if (ip < limit && (in.charAt(ip) == '-' || in.charAt(ip) == '+')) {
                        neg = in.charAt(ip) == '-';
                        ip++;
                    }
                    if (conv == 'i' && in.startsWith("0x", ip)) {
                        base = 16;
                        ip += 2;
                    } else if (conv == 'i' && in.startsWith("0", ip)) {
                        base = 8;
                    } else if (base == 16 && in.startsWith("0x", ip)) {
                        ip += 2;
                    }
                    int digits = ip;
                    long v = 0;
                    while (ip < limit && Character.digit(in.charAt(ip), base) >= 0) {
                        v = v * base + Character.digit(in.charAt(ip++), base);
                    }
                    if (ip == digits) {
                        ip = start;
                        return count;
                    }
                    if (!skip) {
                        mem.store(args[ai++], size, neg ? -v : v);
                        count++;
                    }
                }
                default -> {
                    return count;
                }
            }
        }
        return count;
    }
}
