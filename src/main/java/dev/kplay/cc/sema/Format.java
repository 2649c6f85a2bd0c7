package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Expr;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * -Wformat for functions declared with {@code __attribute__((format(printf, m, n)))} (printk,
 * sprintf, seq_printf...): each conversion's expected argument type against the actual one, in
 * gcc's words ("format ‘%d’ expects argument of type ‘int’, but argument 2 has type ‘long int’").
 * The kernel's extensions are accepted: {@code %p} followed by letters ({@code %pS}, {@code %px}).
 */
final class Format {
    private Format() {}

    static void check(ExprChecker ch, Obj fn, Expr.Call call) {
        Attribute a = fn.attr("format");
        if (a == null || a.args().size() < 3) return;
        Long fmtIndex = ch.consts.intValue(a.args().get(1));
        Long firstArg = ch.consts.intValue(a.args().get(2));
        if (fmtIndex == null || firstArg == null || fmtIndex < 1 || fmtIndex > call.args().size()) return;
        Expr fmtExpr = call.args().get((int) (fmtIndex - 1));
        while (fmtExpr instanceof Expr.Cast c) fmtExpr = c.operand();
        if (!(fmtExpr instanceof Expr.StrLit s)) return;
        String fmt = new String(s.bytes(), StandardCharsets.ISO_8859_1);
        List<Expr> args = call.args();
        int argNo = firstArg.intValue();   // 1-based index of the next argument to consume (0 = none: vprintf style)
        for (int i = 0; i < fmt.length(); i++) {
            if (fmt.charAt(i) != '%') continue;
            int start = i;
            i++;
            if (i < fmt.length() && fmt.charAt(i) == '%') continue;
            while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) i++;
            if (i < fmt.length() && fmt.charAt(i) == '*') {
                if (argNo > 0) checkArg(ch, call, args, argNo++, "*", Type.INT, fmt.substring(start, i + 1), true);
                i++;
            }
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                if (i < fmt.length() && fmt.charAt(i) == '*') {
                    if (argNo > 0) checkArg(ch, call, args, argNo++, ".*", Type.INT, fmt.substring(start, i + 1), true);
                    i++;
                }
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
            }
            String len = "";
            while (i < fmt.length() && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) len += fmt.charAt(i++);
            if (i >= fmt.length()) break;
            char conv = fmt.charAt(i);
            String spec = fmt.substring(start, i + 1);
            Type want = expected(len, conv);
            if (want == null || argNo <= 0) continue;
            if (argNo > args.size()) {
                ch.warning(fmtExpr.span(), "format " + q(spec) + " expects a matching " + q(Types.name(want)) + " argument", "format=");
                argNo++;
                continue;
            }
            checkArg(ch, call, args, argNo++, spec, want, spec, false);
        }
        if (argNo > 0 && argNo <= args.size()) {
            ch.warning(fmtExpr.span(), "too many arguments for format", "format-extra-args");
        }
    }

    private static String q(String s) { return "‘" + s + "’"; }

    private static Type expected(String len, char conv) {
        switch (conv) {
            case 'd', 'i' -> {
                return switch (len) {
                    case "hh" -> new Type.Int(Type.IntKind.SCHAR, 0);
                    case "h" -> Type.SHORT;
                    case "l" -> Type.LONG;
                    case "ll", "L", "q" -> Type.LLONG;
                    case "z" -> Type.LONG;
                    case "t" -> Type.LONG;
                    default -> Type.INT;
                };
            }
            case 'u', 'x', 'X', 'o' -> {
                return switch (len) {
                    case "hh" -> Type.UCHAR;
                    case "h" -> Type.USHORT;
                    case "l" -> Type.ULONG;
                    case "ll", "L", "q" -> Type.ULLONG;
                    case "z" -> Type.ULONG;
                    case "t" -> Type.LONG;
                    default -> Type.UINT;
                };
            }
            case 'c' -> {
                return Type.INT;
            }
            case 's' -> {
                return Type.ptr(Type.CHAR);
            }
            case 'p' -> {
                return Type.ptr(Type.VOID);
            }
            default -> {
                return null;
            }
        }
    }

    private static void checkArg(ExprChecker ch, Expr.Call call, List<Expr> args, int argNo, String what,
                                 Type want, String spec, boolean star) {
        if (argNo > args.size()) return;
        Expr arg = args.get(argNo - 1);
        Type have = Types.decay(ch.typed.types.get(arg));
        if (have == null) return;
        if (matches(want, have)) return;
        String wantName = Types.name(want);
        String haveName = Types.name(have);
        String msg = star
            ? "field width specifier " + q(spec.endsWith(".*") ? "." + "*" : "*") + " expects argument of type " + q(wantName)
              + ", but argument " + argNo + " has type " + q(haveName)
            : "format " + q(spec) + " expects argument of type " + q(wantName) + ", but argument " + argNo
              + " has type " + q(haveName);
        ch.warning(arg.span(), msg, "format=");
    }

    private static boolean matches(Type want, Type have) {
        if (want instanceof Type.Ptr wp) {
            if (!(have instanceof Type.Ptr hp)) return false;
            if (wp.base() instanceof Type.Void) return true;
            Type hb = Types.unqual(hp.base());
            return hb instanceof Type.Int hi && Types.sizeOf(hi) == 1;
        }
        if (!Types.isInteger(have)) return false;
        Type.IntKind w = Types.kind(want), h = Types.kind(Types.promote(have));
        if (w.size < 4) return Types.kind(Types.promote(want)) == h || Types.sizeOf(have) <= 4;
        if (w == h) return true;
        // signedness mismatches are -Wformat-signedness only; long and long long differ to gcc
        return w.size == h.size && w.rank == h.rank;
    }
}
