package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.source.MacroLoc;
import dev.kplay.cc.source.Span;
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
        boolean scanf = !a.args().isEmpty() && a.args().get(0) instanceof Expr.Ident id && id.name().contains("scanf");
        List<Expr> args = call.args();
        int argNo = firstArg.intValue();   // 1-based index of the next argument to consume (0 = none: vprintf style)
        SourceMap map = sourceMap(s);
        // A format concatenated from pieces of which macros made some (pr_info's KERN_SOH "6" fmt):
        // gcc cannot point into it, and reports each problem at the first piece where it was
        // spelled, with the notes unwinding its macro expansions (substring-locations.cc, case 3).
        MacroLoc[] virts = s.pieceVirts();
        boolean viaMacros = virts.length > 1 && java.util.Arrays.stream(virts).anyMatch(java.util.Objects::nonNull);
        Span fmtAt = viaMacros ? s.pieces().get(0) : null;
        MacroLoc fmtVirt = viaMacros ? virts[0] : null;
        // One literal passed through a macro (printk("...")): gcc reports at the whole literal, with
        // the argument labelled and the macro notes, then points into it in a note (case 2).
        MacroLoc argOfMacro = virts.length == 1 ? virts[0] : null;
        for (int i = 0; i < fmt.length(); i++) {
            if (fmt.charAt(i) != '%') continue;
            int start = i;
            i++;
            if (i < fmt.length() && fmt.charAt(i) == '%') continue;
            boolean suppressed = false;
            if (scanf) {
                if (i < fmt.length() && fmt.charAt(i) == '*') {
                    suppressed = true;
                    i++;
                }
            } else {
                while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) i++;
            }
            if (!scanf && i < fmt.length() && fmt.charAt(i) == '*') {
                if (argNo > 0) checkArg(ch, call, args, argNo++, "*", Type.INT, fmt.substring(start, i + 1), true, null, null, "", '*', false);
                i++;
            }
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
            if (!scanf && i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                if (i < fmt.length() && fmt.charAt(i) == '*') {
                    if (argNo > 0) checkArg(ch, call, args, argNo++, ".*", Type.INT, fmt.substring(start, i + 1), true, null, null, "", '*', false);
                    i++;
                }
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
            }
            String len = "";
            while (i < fmt.length() && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) len += fmt.charAt(i++);
            if (i >= fmt.length()) break;
            char conv = fmt.charAt(i);
            if (scanf && conv == '[') {
                int close = fmt.indexOf(']', i + (i + 1 < fmt.length() && fmt.charAt(i + 1) == '^' ? 3 : 2) - 1);
                if (close < 0) break;
                i = close;
            }
            String spec = fmt.substring(start, i + 1);
            // gcc names a directive by its length modifier and conversion only: '%x' for "%#08x"
            String shown = conv == '[' ? spec : "%" + len + conv;
            Type want = scanf ? expectedScanf(len, conv) : expected(len, conv);
            if (want == null || argNo <= 0 || suppressed) continue;
            Span range = viaMacros ? null : span(s, map, start, i);
            Span caret = viaMacros ? null : span(s, map, i, i);
            if (argNo > args.size()) {
                String msg = "format " + q(shown) + " expects a matching " + q(Types.name(want)) + " argument";
                if (viaMacros) {
                    ch.diags.reportAt(Severity.WARNING, fmtAt, fmtVirt, msg, "format=");
                } else if (argOfMacro != null && range != null) {
                    Span lit = s.pieces().get(0);
                    ch.diags.reportRichAt(Severity.WARNING, lit, argOfMacro, List.of(Diagnostics.Label.of(lit)), msg, "format=");
                    ch.diags.reportRich(Severity.NOTE, caret, List.of(new Diagnostics.Label(range, Types.name(want))),
                        null, null, "format string is defined here", null);
                } else if (range != null) {
                    ch.diags.reportRich(Severity.WARNING, caret, List.of(new Diagnostics.Label(range, Types.name(want))),
                        null, null, msg, "format=");
                } else {
                    ch.warning(fmtExpr.span(), msg, "format=");
                }
                argNo++;
                continue;
            }
            if (viaMacros) {
                String msg = mismatch(ch, args, argNo, shown, want);
                if (msg != null) ch.diags.reportAt(Severity.WARNING, fmtAt, fmtVirt, msg, "format=");
                argNo++;
                continue;
            }
            if (argOfMacro != null && range != null) {
                String msg = mismatch(ch, args, argNo, shown, want);
                if (msg != null) {
                    Expr arg = args.get(argNo - 1);
                    Span lit = s.pieces().get(0);
                    Type have = Types.decay(ch.typed.types.get(arg));
                    ch.diags.reportRichAt(Severity.WARNING, lit, argOfMacro,
                        List.of(Diagnostics.Label.of(lit), new Diagnostics.Label(arg.span(), ch.labelType(have))), msg, "format=");
                    String fix = suggestion(spec, len, conv, have, scanf);
                    ch.diags.reportRich(Severity.NOTE, caret, List.of(new Diagnostics.Label(range, Types.name(want))),
                        fix, fix == null ? null : new Span(range.file(), range.start(), range.start()),
                        "format string is defined here", null);
                }
                argNo++;
                continue;
            }
            if (!checkArg(ch, call, args, argNo, shown, want, spec, false, range, caret, len, conv, scanf)) {
                argNo++;
                continue;
            }
            argNo++;
        }
        if (argNo > 0 && argNo <= args.size()) {
            if (viaMacros) {
                ch.diags.reportAt(Severity.WARNING, fmtAt, fmtVirt, "too many arguments for format", "format-extra-args");
            } else {
                ch.warning(fmtExpr.span(), "too many arguments for format", "format-extra-args");
            }
        }
    }

    private static String q(String s) { return "‘" + s + "’"; }

    /** What a scanf conversion stores through: a pointer to the printf conversion's type. */
    private static Type expectedScanf(String len, char conv) {
        return switch (conv) {
            case 'n' -> Type.ptr(len.equals("l") ? Type.LONG : len.equals("h") ? Type.SHORT : Type.INT);
            case 'c', 's', '[' -> Type.ptr(Type.CHAR);
            case 'p' -> Type.ptr(Type.ptr(Type.VOID));
            default -> {
                Type t = expected(len, conv);
                yield t == null || !Types.isInteger(t) ? null : Type.ptr(t);
            }
        };
    }

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

    /** gcc's message for argument {@code argNo} against conversion {@code spec} (as gcc shows it), or null if it matches. */
    private static String mismatch(ExprChecker ch, List<Expr> args, int argNo, String spec, Type want) {
        Type have = Types.decay(ch.typed.types.get(args.get(argNo - 1)));
        if (have == null || matches(want, have)) return null;
        return "format " + q(spec) + " expects argument of type " + q(Types.name(want)) + ", but argument " + argNo
            + " has type " + ch.qt(have);
    }

    /** Checks one argument; returns false if it matched. */
    private static boolean checkArg(ExprChecker ch, Expr.Call call, List<Expr> args, int argNo, String what,
                                    Type want, String spec, boolean star, Span range, Span caret, String len, char conv,
                                    boolean scanf) {
        if (argNo > args.size()) return false;
        Expr arg = args.get(argNo - 1);
        Type have = Types.decay(ch.typed.types.get(arg));
        if (have == null) return false;
        if (matches(want, have)) return false;
        String wantName = Types.name(want);
        String haveName = ch.labelType(have);
        String msg = star
            ? "field width specifier " + q(spec.endsWith(".*") ? "." + "*" : "*") + " expects argument of type " + q(wantName)
              + ", but argument " + argNo + " has type " + ch.qt(have)
            : "format " + q(what) + " expects argument of type " + q(wantName) + ", but argument " + argNo
              + " has type " + ch.qt(have);
        if (range == null) {
            ch.warning(arg.span(), msg, "format=");
            return true;
        }
        String fix = suggestion(spec, len, conv, have, scanf);
        Span fixAt = new Span(range.file(), range.start(), range.start());
        Severity used = ch.diags.reportRich(Severity.WARNING, caret,
            List.of(new Diagnostics.Label(range, wantName), new Diagnostics.Label(arg.span(), haveName)),
            fix, fix == null ? null : fixAt, msg, "format=");
        if (used == Severity.ERROR) ch.errors++;
        return true;
    }

    private static boolean isChar(Type t) {
        return t instanceof Type.Int i && i.kind().size == 1;
    }

    /** gcc's fix-it for a mismatched directive: the same flags and width, a conversion that fits the argument. */
    private static String suggestion(String spec, String len, char conv, Type have, boolean scanf) {
        String prefix = spec.substring(0, spec.length() - 1 - len.length());
        if (scanf && "diouxXn".indexOf(conv) >= 0 && have instanceof Type.Ptr hp && Types.isInteger(Types.unqual(hp.base()))) {
            Type.IntKind k = Types.kind(Types.unqual(hp.base()));
            String mod = switch (k.size) {
                case 1 -> "hh";
                case 2 -> "h";
                case 8 -> k.rank == Type.IntKind.LLONG.rank ? "ll" : "l";
                default -> "";
            };
            return prefix + mod + conv;
        }
        if (scanf) {
            return null;
        }
        if (Types.isInteger(have)) {
            Type p = Types.promote(have);
            Type.IntKind k = Types.kind(p);
            String mod = k.size == 8 ? (k.rank == Type.IntKind.LLONG.rank ? "ll" : "l") : "";
            char c = "diouxX".indexOf(conv) >= 0 ? conv : k.unsigned ? 'u' : 'd';
            return prefix + mod + c;
        }
        if (have instanceof Type.Ptr ptr) {
            Type b = Types.unqual(ptr.base());
            if (b instanceof Type.Int i && i.kind().size == 1) return prefix + "s";
            return prefix + "p";
        }
        return null;
    }

    /**
     * For each byte of the literal's value, the source offset it was written at (in the file of the
     * literal token it came from, {@code files[i]}), or -1 where it cannot be mapped.
     */
    private record SourceMap(int[] offsets, dev.kplay.cc.source.SourceFile[] files) {}

    private static SourceMap sourceMap(Expr.StrLit lit) {
        int n = lit.bytes().length;
        int[] map = new int[n + 1];
        dev.kplay.cc.source.SourceFile[] files = new dev.kplay.cc.source.SourceFile[n + 1];
        java.util.Arrays.fill(map, -1);
        List<Span> pieces = lit.pieces().isEmpty() ? List.of(lit.span()) : lit.pieces();
        int[] starts = lit.pieces().isEmpty() ? new int[] {0} : lit.pieceStarts();
        for (int p = 0; p < pieces.size(); p++) {
            Span sp = pieces.get(p);
            int from = starts[p];
            int to = p + 1 < starts.length ? starts[p + 1] : n;
            String text = sp.file().text();
            int i = sp.start();
            if (i >= text.length() || text.charAt(i) != '"') continue;
            i++;
            int idx = from;
            while (idx < to && i < text.length() && text.charAt(i) != '"') {
                char c = text.charAt(i);
                map[idx] = i;
                files[idx] = sp.file();
                if (c == '\\') {
                    i++;
                    char e = i < text.length() ? text.charAt(i) : 0;
                    if (e == 'x') {
                        i++;
                        while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) i++;
                    } else if (e >= '0' && e <= '7') {
                        int k = 0;
                        while (k < 3 && i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '7') {
                            i++;
                            k++;
                        }
                    } else {
                        i++;
                    }
                    idx++;
                } else if (c < 0x80) {
                    i++;
                    idx++;
                } else {
                    int cp = text.codePointAt(i);
                    int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                    for (int k = 1; k < bytes && idx + k < to; k++) {
                        map[idx + k] = i;
                        files[idx + k] = sp.file();
                    }
                    idx += bytes;
                    i += Character.charCount(cp);
                }
            }
        }
        return new SourceMap(map, files);
    }

    private static Span span(Expr.StrLit lit, SourceMap m, int from, int to) {
        if (m == null || to >= m.offsets().length - 1 || m.offsets()[from] < 0 || m.offsets()[to] < 0
            || m.files()[from] != m.files()[to]) {
            return null;
        }
        return new Span(m.files()[from], m.offsets()[from], m.offsets()[to] + 1);
    }


    private static boolean matches(Type want, Type have) {
        if (want instanceof Type.Ptr wp && !(wp.base() instanceof Type.Void) && !isChar(wp.base())) {
            // scanf: the pointee must be the same type, signedness aside (-Wformat-signedness)
            if (!(have instanceof Type.Ptr hp)) return false;
            Type hb = Types.unqual(hp.base());
            if (wp.base() instanceof Type.Ptr) return hb instanceof Type.Ptr;
            if (!Types.isInteger(hb) || hb instanceof Type.Enum) return false;
            Type.IntKind w = Types.kind(wp.base()), h = Types.kind(hb);
            return w.size == h.size && w.rank == h.rank;
        }
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
