package dev.kplay.userland.bin.awk;

import java.util.List;

/*
 * C's printf as awk's printf and sprintf use it: %c %d %i %o %x %X %u %e %E %f %F %g %G %s %%,
 * with the flags - + space # 0, a width and a precision (either may be *). java.util.Formatter
 * differs from C in %g (no trailing-zero removal, other exponent rule) and in integer precision,
 * so those are done here by hand; %e and %f agree with glibc and go through String.format.
 */

/** awk's printf formatting (and C's %g for the other programs that print with it: dd). */
public final class Format {
    private Format() {}

    /** Too few arguments for the format; the message is mawk's run-time error. */
    static final class TooFewArguments extends RuntimeException {
        /** What printf had formatted before it ran out (mawk prints it). */
        final String partial;

        TooFewArguments(String format, CharSequence partial) {
            super("not enough arguments passed to " + format, null, false, false);
            this.partial = partial.toString();
        }
    }

    static String sprintf(String fmt, List<Value> args, String convfmt) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '%') {
                out.append('%');
                i++;
                continue;
            }
            int start = i++;
            StringBuilder flags = new StringBuilder();
            while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                flags.append(fmt.charAt(i++));
            }
            int width = -1;
            if (i < fmt.length() && fmt.charAt(i) == '*') {
                if (next >= args.size()) {
                    throw new TooFewArguments("printf(\"" + fmt + "\")", out);
                }
                width = (int) args.get(next++).num();
                if (width < 0) {
                    flags.append('-');
                    width = -width;
                }
                i++;
            } else {
                int s = i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                if (i > s) {
                    width = Integer.parseInt(fmt.substring(s, i));
                }
            }
            int prec = -1;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                if (i < fmt.length() && fmt.charAt(i) == '*') {
                    if (next >= args.size()) {
                        throw new TooFewArguments("printf(\"" + fmt + "\")", out);
                    }
                    prec = (int) args.get(next++).num();
                    i++;
                } else {
                    int s = i;
                    while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    prec = i > s ? Integer.parseInt(fmt.substring(s, i)) : 0;
                }
            }
            while (i < fmt.length() && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= fmt.length()) {
                out.append(fmt, start, fmt.length());
                break;
            }
            char conv = fmt.charAt(i);
            if ("cdiouxXeEfFgGs".indexOf(conv) < 0) {
                out.append(fmt, start, i + 1);
                continue;
            }
            if (next >= args.size()) {
                throw new TooFewArguments("printf(\"" + fmt + "\")", out);
            }
            Value v = args.get(next++);
            String f = flags.toString();
            out.append(switch (conv) {
                case 'c' -> pad(v.kind == Value.Kind.NUM ? String.valueOf((char) (int) v.num())
                        : v.str(convfmt == null ? "%.6g" : convfmt).isEmpty() ? "" : v.str(convfmt).substring(0, 1), width, f, false);
                case 's' -> {
                    String s = v.str(convfmt == null ? "%.6g" : convfmt);
                    yield pad(prec >= 0 && prec < s.length() ? s.substring(0, prec) : s, width, f, false);
                }
                case 'd', 'i', 'o', 'x', 'X', 'u' -> integer(v.num(), conv, f, width, prec);
                default -> floating(v.num(), conv, f, width, prec < 0 ? 6 : prec);
            });
        }
        return out.toString();
    }

    private static String pad(String s, int width, String flags, boolean zeroOk) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        if (flags.indexOf('-') >= 0) {
            return s + fill;
        }
        if (zeroOk && flags.indexOf('0') >= 0) {
            int signEnd = 0;
            if (!s.isEmpty() && "+- ".indexOf(s.charAt(0)) >= 0) {
                signEnd = 1;
            }
            if (s.startsWith("0x", signEnd) || s.startsWith("0X", signEnd)) {
                signEnd += 2;
            }
            return s.substring(0, signEnd) + "0".repeat(width - s.length()) + s.substring(signEnd);
        }
        return fill + s;
    }

    private static String integer(double d, char conv, String flags, int width, int prec) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return floating(d, 'f', flags, width, 0);
        }
        long v = d >= 9.223372036854776E18 ? Long.MAX_VALUE : d <= -9.223372036854776E18 ? Long.MIN_VALUE : (long) d;
        boolean neg = v < 0 && (conv == 'd' || conv == 'i');
        String digits = switch (conv) {
            case 'o' -> Long.toOctalString(v);
            case 'x' -> Long.toHexString(v);
            case 'X' -> Long.toHexString(v).toUpperCase();
            case 'u' -> Long.toUnsignedString(v);
            default -> neg ? Long.toString(v).substring(1) : Long.toString(v);
        };
        if (prec >= 0) {
            if (prec == 0 && v == 0) {
                digits = "";
            }
            if (digits.length() < prec) {
                digits = "0".repeat(prec - digits.length()) + digits;
            }
        }
        String prefix = "";
        if (conv == 'd' || conv == 'i') {
            prefix = neg ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
        } else if (flags.indexOf('#') >= 0 && v != 0) {
            prefix = conv == 'o' && !digits.startsWith("0") ? "0" : conv == 'x' ? "0x" : conv == 'X' ? "0X" : "";
        }
        return pad(prefix + digits, width, prec >= 0 ? flags.replace("0", "") : flags, true);
    }

    private static String floating(double d, char conv, String flags, int width, int prec) {
        String sign = d < 0 || d == 0 && 1 / d < 0 ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
        double a = Math.abs(d);
        String body;
        if (Double.isNaN(d)) {
            body = Character.isUpperCase(conv) ? "NAN" : "nan";
            sign = flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
        } else if (Double.isInfinite(d)) {
            body = Character.isUpperCase(conv) ? "INF" : "inf";
        } else {
            boolean alt = flags.indexOf('#') >= 0;
            body = switch (conv) {
                case 'e', 'E' -> exp(a, prec, alt);
                case 'g', 'G' -> general(a, prec, alt);
                default -> String.format((alt ? "%#." : "%.") + prec + "f", a);
            };
            if (Character.isUpperCase(conv)) {
                body = body.toUpperCase();
            }
            return pad(sign + body, width, flags, true);
        }
        return pad(sign + body, width, flags, false);
    }

    private static String exp(double a, int prec, boolean alt) {
        String s = String.format("%." + prec + "e", a);
        return alt && prec == 0 ? s.replace("e", ".e") : s;
    }

    /** %g: %e if the exponent is below -4 or at least the precision, else %f; trailing zeros go unless '#'. */
    public static String general(double a, int prec, boolean alt) {
        int p = prec == 0 ? 1 : prec;
        int x = 0;
        if (a != 0) {
            String e = String.format("%." + (p - 1) + "e", a);
            x = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        }
        String s;
        if (x < -4 || x >= p) {
            s = String.format("%." + (p - 1) + "e", a);
            if (!alt) {
                int e = s.indexOf('e');
                s = stripZeros(s.substring(0, e)) + s.substring(e);
            }
        } else {
            s = String.format("%." + (p - 1 - x) + "f", a);
            if (!alt) {
                s = stripZeros(s);
            }
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
