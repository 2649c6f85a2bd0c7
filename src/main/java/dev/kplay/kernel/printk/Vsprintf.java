package dev.kplay.kernel.printk;

/*
 * lib/vsprintf.c: the kernel's printf, used by printk, snprintf, sprintf, scnprintf and seq_printf.
 * It follows format_decode()/number()/string()/pointer() closely, because module authors see the
 * kernel's behaviour and not libc's: "%p" prints a hashed id (deterministic here: a fixed-key
 * mix instead of siphash with a boot-time random key), "%px" the raw pointer, "%pS" symbol+off/size,
 * a bad "%s" pointer prints "(null)" or "(efault)" instead of crashing.
 *
 * Text is handled as Latin-1 "byte strings" (one char per byte) so that UTF-8 in module strings
 * passes through unchanged; callers convert at the edge.
 */

/** The kernel's vsnprintf. */
public final class Vsprintf {
    /** Where the arguments come from (registers/varargs or a va_list in memory). */
    public interface Args {
        long next();
    }

    /** What %s and %pS need from the kernel. */
    public interface Memory {
        /** The NUL-terminated byte string at addr (at most max bytes), or null if it cannot be read. */
        String cString(long addr, int max);

        /** "name+0xoff/0xsize [module]" for %pS / %pB, or null if no symbol contains addr. */
        String symbol(long addr, boolean withOffset);

        /** len bytes at addr for %*ph, or null if they cannot be read. */
        default byte[] bytes(long addr, int len) {
            return null;
        }
    }

    private static final int ZEROPAD = 1, SIGN = 2, PLUS = 4, SPACE = 8, LEFT = 16, SMALL = 32, SPECIAL = 64;

    private Vsprintf() {}

    /** Formats fmt (a byte string) with args; returns the full result (callers truncate). */
    public static String format(String fmt, Args args, Memory mem) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int len = fmt.length();
        while (i < len) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                out.append(ch);
                i++;
                continue;
            }
            i++;
            if (i >= len) {
                break;
            }
            int flags = 0;
            boolean more = true;
            while (more && i < len) {
                switch (fmt.charAt(i)) {
                    case '-' -> flags |= LEFT;
                    case '+' -> flags |= PLUS;
                    case ' ' -> flags |= SPACE;
                    case '#' -> flags |= SPECIAL;
                    case '0' -> flags |= ZEROPAD;
                    default -> more = false;
                }
                if (more) {
                    i++;
                }
            }
            int width = -1;
            if (i < len && fmt.charAt(i) == '*') {
                width = (int) args.next();
                if (width < 0) {
                    width = -width;
                    flags |= LEFT;
                }
                i++;
            } else {
                int w = 0;
                boolean any = false;
                while (i < len && Character.isDigit(fmt.charAt(i))) {
                    w = w * 10 + (fmt.charAt(i++) - '0');
                    any = true;
                }
                if (any) {
                    width = w;
                }
            }
            int precision = -1;
            if (i < len && fmt.charAt(i) == '.') {
                i++;
                if (i < len && fmt.charAt(i) == '*') {
                    precision = Math.max(0, (int) args.next());
                    i++;
                } else {
                    int p = 0;
                    while (i < len && Character.isDigit(fmt.charAt(i))) {
                        p = p * 10 + (fmt.charAt(i++) - '0');
                    }
                    precision = p;
                }
            }
            int qualifier = 0; // 'H' = hh, 'h', 'l' (long / long long / size_t)
            if (i < len) {
                char q = fmt.charAt(i);
                if (q == 'h') {
                    i++;
                    qualifier = 'h';
                    if (i < len && fmt.charAt(i) == 'h') {
                        i++;
                        qualifier = 'H';
                    }
                } else if (q == 'l' || q == 'z' || q == 'Z' || q == 't' || q == 'j' || q == 'L') {
                    i++;
                    qualifier = 'l';
                    if (q == 'l' && i < len && fmt.charAt(i) == 'l') {
                        i++;
                    }
                }
            }
            if (i >= len) {
                break;
            }
            char conv = fmt.charAt(i++);
            switch (conv) {
                case 'c' -> {
                    char c = (char) (args.next() & 0xff);
                    pad(out, String.valueOf(c), width, flags);
                }
                case 's' -> out.append(string(mem, args.next(), width, precision, flags));
                case 'p' -> {
                    StringBuilder ext = new StringBuilder();
                    while (i < len && Character.isLetterOrDigit(fmt.charAt(i))) {
                        ext.append(fmt.charAt(i++));
                    }
                    out.append(pointer(ext.toString(), args.next(), mem, width, precision, flags));
                }
                case '%' -> out.append('%');
                case 'n' -> args.next();
                case 'o', 'x', 'X', 'd', 'i', 'u' -> {
                    long v = args.next();
                    int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
                    boolean signed = conv == 'd' || conv == 'i';
                    if (conv == 'x') {
                        flags |= SMALL;
                    }
                    if (signed) {
                        flags |= SIGN;
                        v = switch (qualifier) {
                            case 'H' -> (byte) v;
                            case 'h' -> (short) v;
                            case 'l' -> v;
                            default -> (int) v;
                        };
                    } else {
                        v = switch (qualifier) {
                            case 'H' -> v & 0xff;
                            case 'h' -> v & 0xffff;
                            case 'l' -> v;
                            default -> v & 0xffffffffL;
                        };
                    }
                    out.append(number(v, base, width, precision, flags));
                }
                default -> {
                    out.append('%');
                    i--;
                }
            }
        }
        return out.toString();
    }

    /** Models number(): sign, 0x/0 prefix, precision (minimum digits), zero or space padding. */
    static String number(long num, int base, int width, int precision, int flags) {
        boolean small = (flags & SMALL) != 0;
        if ((flags & LEFT) != 0) {
            flags &= ~ZEROPAD;
        }
        String sign = "";
        if ((flags & SIGN) != 0) {
            if (num < 0) {
                sign = "-";
                num = -num;
                width--;
            } else if ((flags & PLUS) != 0) {
                sign = "+";
                width--;
            } else if ((flags & SPACE) != 0) {
                sign = " ";
                width--;
            }
        }
        boolean special = (flags & SPECIAL) != 0 && base != 10;
        String prefix = "";
        if (special) {
            prefix = base == 16 ? (small ? "0x" : "0X") : "0";
            width -= prefix.length();
        }
        String digits = num == 0 ? "0" : Long.toUnsignedString(num, base);
        if (!small) {
            digits = digits.toUpperCase();
        }
        if (special && base == 8 && digits.equals("0")) {
            prefix = "";
            width++;
        }
        if (precision > digits.length()) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        width -= digits.length();
        StringBuilder sb = new StringBuilder();
        if ((flags & (ZEROPAD | LEFT)) == 0) {
            while (width-- > 0) {
                sb.append(' ');
            }
        }
        sb.append(sign).append(prefix);
        if ((flags & LEFT) == 0 && (flags & ZEROPAD) != 0) {
            while (width-- > 0) {
                sb.append('0');
            }
        }
        sb.append(digits);
        while (width-- > 0) {
            sb.append(' ');
        }
        return sb.toString();
    }

    private static String string(Memory mem, long ptr, int width, int precision, int flags) {
        String s;
        if (ptr == 0) {
            s = "(null)";
        } else if (Long.compareUnsigned(ptr, 4096) < 0 || Long.compareUnsigned(ptr, -4095L) >= 0) {
            s = "(efault)";
        } else {
            s = mem.cString(ptr, precision < 0 ? 1 << 16 : precision);
            if (s == null) {
                s = "(efault)";
            }
        }
        if (precision >= 0 && s.length() > precision) {
            s = s.substring(0, precision);
        }
        StringBuilder sb = new StringBuilder();
        pad(sb, s, width, flags);
        return sb.toString();
    }

    private static void pad(StringBuilder out, String s, int width, int flags) {
        int n = width - s.length();
        if ((flags & LEFT) == 0) {
            while (n-- > 0) {
                out.append(' ');
            }
        }
        out.append(s);
        while (n-- > 0) {
            out.append(' ');
        }
    }

    /** Models pointer(): the %p extensions kplay supports. */
    private static String pointer(String ext, long ptr, Memory mem, int width, int precision, int flags) {
        char e = ext.isEmpty() ? 0 : ext.charAt(0);
        switch (e) {
            case 'S', 's', 'B', 'F', 'f' -> {
                String sym = mem.symbol(ptr, e != 's' && e != 'f');
                if (sym != null) {
                    return sym;
                }
                return number(ptr, 16, width < 0 ? 0 : width, precision, flags | SPECIAL | SMALL);
            }
            case 'x' -> {
                return rawPointer(ptr, width, flags);
            }
            case 'h' -> {
                return hexString(ext, ptr, mem, width);
            }
            case 'b' -> {
                return bitmap(ext.length() > 1 && ext.charAt(1) == 'l', ptr, mem, Math.max(width, 0));
            }
            default -> {
                if (ptr == 0 || Long.compareUnsigned(ptr, -4095L) >= 0) {
                    return rawPointer(ptr, width, flags);
                }
                return PTRVAL;
            }
        }
    }

    /**
     * Models bitmap_string() ("%*pb": nr_bits in width, 32-bit chunks in hex from the top, the first
     * one only as wide as its bits need, joined by ',') and bitmap_list_string() ("%*pbl": the set
     * bits as ranges, "3-5,11-14,64").
     */
    private static String bitmap(boolean list, long ptr, Memory mem, int nrBits) {
        byte[] b = nrBits == 0 ? new byte[0] : mem.bytes(ptr, ((nrBits + 63) / 64) * 8);
        if (b == null) {
            return "(efault)";
        }
        java.util.function.IntPredicate bit = i -> ((b[i / 8] >> (i % 8)) & 1) != 0;
        StringBuilder out = new StringBuilder();
        if (list) {
            for (int i = 0; i < nrBits; i++) {
                if (!bit.test(i)) {
                    continue;
                }
                int end = i;
                while (end + 1 < nrBits && bit.test(end + 1)) {
                    end++;
                }
                out.append(out.length() > 0 ? "," : "").append(i).append(end > i ? "-" + end : "");
                i = end;
            }
            return out.toString();
        }
        int chunk = nrBits % 32 == 0 ? 32 : nrBits % 32;
        for (int i = ((nrBits + 31) / 32) * 32 - 32; i >= 0; i -= 32) {
            long val = 0;
            for (int j = 0; j < chunk; j++) {
                if (bit.test(i + j)) {
                    val |= 1L << j;
                }
            }
            String hex = Long.toHexString(val);
            int digits = (chunk + 3) / 4;
            out.append(out.length() > 0 ? "," : "").append("0".repeat(Math.max(0, digits - hex.length()))).append(hex);
            chunk = 32;
        }
        return out.toString();
    }

    /**
     * Models hex_string(): "%*ph" prints width bytes (1 by default, at most 64) as hex pairs
     * separated by ' ', or ':' for %phC, '-' for %phD, nothing for %phN. A zero width prints nothing.
     */
    private static String hexString(String ext, long ptr, Memory mem, int width) {
        if (width == 0) {
            return "";
        }
        if (ptr == 0) {
            return "(null)";
        }
        int len = width > 0 ? Math.min(width, 64) : 1;
        byte[] b = mem.bytes(ptr, len);
        if (b == null) {
            return "(efault)";
        }
        char sep = ext.length() < 2 ? ' ' : switch (ext.charAt(1)) {
            case 'C' -> ':';
            case 'D' -> '-';
            case 'N' -> (char) 0;
            default -> ' ';
        };
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < len; i++) {
            out.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
            if (sep != 0 && i != len - 1) {
                out.append(sep);
            }
        }
        return out.toString();
    }

    private static String rawPointer(long ptr, int width, int flags) {
        if (width == -1) {
            width = 16;
            flags |= ZEROPAD;
        }
        return number(ptr, 16, width, -1, flags | SMALL);
    }

    /**
     * What ptr_to_id() prints while the pointer-hashing key is not filled: error_string() of
     * "(____ptrval____)" at field width 16. The key waits for the random pool, and the 6.1 guest kplay
     * follows (the oracle's: no RDRAND, no entropy source) never has it ready, so every plain %p reads so.
     */
    static final String PTRVAL = "(____ptrval____)";

    /** ptr_to_id(): a 32-bit id derived from the pointer (deterministic mix in place of siphash). */
    public static long hashPointer(long ptr) {
        return hash(ptr);
    }

    static long hash(long ptr) {
        long z = ptr + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return z & 0xffffffffL;
    }
}
