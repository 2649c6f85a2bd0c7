package dev.kplay.userland.bin.awk;

/*
 * An awk value: a number, a string, or a "strnum" (a string from input - a field, a split()
 * element, a -v assignment - that compares as a number when it looks like one), or the
 * uninitialized value, which is both "" and 0. Numbers become strings with CONVFMT (OFMT when
 * printed) unless they are integers, which print as integers: mawk's rule, for values that fit
 * in a C int.
 */

/** One awk value. */
final class Value {
    enum Kind { NUM, STR, STRNUM, UNINIT }

    static final Value UNINIT = new Value(Kind.UNINIT, 0, "");
    static final Value ZERO = num(0);
    static final Value ONE = num(1);

    final Kind kind;
    private final double num;
    private final String str;

    private Value(Kind kind, double num, String str) {
        this.kind = kind;
        this.num = num;
        this.str = str;
    }

    static Value num(double d) {
        return new Value(Kind.NUM, d, null);
    }

    static Value string(String s) {
        return new Value(Kind.STR, 0, s);
    }

    /** Input data: a string that is also a number if it looks like one. */
    static Value strnum(String s) {
        return new Value(Kind.STRNUM, 0, s);
    }

    static Value bool(boolean b) {
        return b ? ONE : ZERO;
    }

    double num() {
        return switch (kind) {
            case NUM -> num;
            case UNINIT -> 0;
            default -> strtod(str);
        };
    }

    /** The string value, numbers converted with {@code fmt} (CONVFMT or OFMT). */
    String str(String fmt) {
        if (kind != Kind.NUM) {
            return str;
        }
        return numberToString(num, fmt);
    }

    static String numberToString(double d, String fmt) {
        if (d == Math.rint(d) && Math.abs(d) <= 2147483647.0) {
            return Long.toString((long) d);
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Format.sprintf(fmt, java.util.List.of(num(d)), null);
    }

    /** Whether the value compares as a number. */
    boolean numeric() {
        return kind == Kind.NUM || kind == Kind.UNINIT || kind == Kind.STRNUM && looksNumeric(str);
    }

    boolean truthy() {
        return switch (kind) {
            case NUM -> num != 0;
            case UNINIT -> false;
            case STR -> !str.isEmpty();
            case STRNUM -> looksNumeric(str) ? strtod(str) != 0 : !str.isEmpty();
        };
    }

    /** POSIX's "looks like a numeric string": blanks, a decimal floating constant, blanks. */
    static boolean looksNumeric(String s) {
        return s.matches("[ \\t\\n]*[-+]?(\\d+\\.?\\d*([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?)[ \\t\\n]*");
    }

    /** The leading number of a string, as strtod reads it (0 if none). */
    static double strtod(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n')) {
            i++;
        }
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            int h = i + 2;
            long v = 0;
            boolean any = false;
            while (h < n && Character.digit(s.charAt(h), 16) >= 0) {
                v = v * 16 + Character.digit(s.charAt(h), 16);
                h++;
                any = true;
            }
            if (any) {
                return s.charAt(start) == '-' ? -v : v;
            }
        }
        int digits = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i == digits || i == digits + 1 && s.charAt(digits) == '.') {
            return 0;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < n && Character.isDigit(s.charAt(e))) {
                i = e;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        return Double.parseDouble(s.substring(start, i));
    }
}
