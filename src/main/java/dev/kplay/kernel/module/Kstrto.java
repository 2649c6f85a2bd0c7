package dev.kplay.kernel.module;

import dev.kplay.kernel.syscall.Errno;

/*
 * lib/kstrtox.c: kstrtoll/kstrtoull and the narrower kstrto* on top. Base 0 means "0x" hex,
 * leading "0" octal, else decimal; one trailing newline is allowed; anything else is -EINVAL,
 * a value that does not fit is -ERANGE.
 */

/** Kernel string-to-integer conversion. */
public final class Kstrto {
    private Kstrto() {}

    /** Parses s into out[0] as a size-byte (1, 2, 4, 8) signed or unsigned integer; 0 or -errno. */
    public static long parse(String s, int base, boolean signed, int size, long[] out) {
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        boolean neg = false;
        if (s.startsWith("+")) {
            s = s.substring(1);
        } else if (s.startsWith("-") && signed) {
            neg = true;
            s = s.substring(1);
        }
        if ((base == 0 || base == 16) && (s.startsWith("0x") || s.startsWith("0X")) && s.length() > 2) {
            base = 16;
            s = s.substring(2);
        } else if (base == 0 && s.startsWith("0") && s.length() > 1) {
            base = 8;
            s = s.substring(1);
        } else if (base == 0) {
            base = 10;
        }
        if (s.isEmpty()) {
            return -Errno.EINVAL;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0) {
                return -Errno.EINVAL;
            }
            long next = v * base + d;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, base)) > 0 || Long.compareUnsigned(next, v) < 0) {
                return -Errno.ERANGE;
            }
            v = next;
        }
        int bits = size * 8;
        if (signed) {
            long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
            if (Long.compareUnsigned(v, neg ? max + 1 : max) > 0) {
                return -Errno.ERANGE;
            }
            out[0] = neg ? -v : v;
        } else {
            if (bits < 64 && Long.compareUnsigned(v, (1L << bits) - 1) > 0) {
                return -Errno.ERANGE;
            }
            out[0] = v;
        }
        return 0;
    }
}
