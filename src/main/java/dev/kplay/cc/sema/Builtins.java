package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;
import java.util.List;
import java.util.Map;

/**
 * The {@code __builtin_*} functions gcc knows without a declaration. Pure compile-time ones
 * (constant_p, choose_expr, object_size) get their value here; the rest are typed here and
 * lowered by {@code lower.Builtins}. {@code __builtin_memcpy} and friends are calls to the
 * kernel's memcpy etc.
 */
final class Builtins {
    private Builtins() {}

    private static final Map<String, Type> LIBC = Map.of(
        "memcpy", Type.ptr(Type.VOID), "memset", Type.ptr(Type.VOID), "memmove", Type.ptr(Type.VOID),
        "memcmp", Type.INT, "strlen", Type.ULONG, "strcmp", Type.INT, "strncmp", Type.INT,
        "strcpy", Type.ptr(Type.CHAR), "strncpy", Type.ptr(Type.CHAR), "strcat", Type.ptr(Type.CHAR));

    private static final Map<String, Integer> ARITY = Map.ofEntries(
        Map.entry("expect", 2), Map.entry("constant_p", 1), Map.entry("unreachable", 0), Map.entry("trap", 0),
        Map.entry("va_start", 2), Map.entry("va_end", 1), Map.entry("va_copy", 2), Map.entry("return_address", 1),
        Map.entry("frame_address", 1), Map.entry("object_size", 2), Map.entry("choose_expr", 3),
        Map.entry("clz", 1), Map.entry("clzl", 1), Map.entry("clzll", 1), Map.entry("ctz", 1), Map.entry("ctzl", 1),
        Map.entry("ctzll", 1), Map.entry("popcount", 1), Map.entry("popcountl", 1), Map.entry("popcountll", 1),
        Map.entry("ffs", 1), Map.entry("ffsl", 1), Map.entry("ffsll", 1), Map.entry("parity", 1), Map.entry("parityl", 1),
        Map.entry("parityll", 1), Map.entry("abs", 1), Map.entry("labs", 1), Map.entry("bswap16", 1),
        Map.entry("bswap32", 1), Map.entry("bswap64", 1), Map.entry("add_overflow", 3), Map.entry("sub_overflow", 3),
        Map.entry("mul_overflow", 3), Map.entry("assume_aligned", 2));

    /** The text of a string literal argument (an error or warning attribute's message). */
    static String message(Expr e) {
        if (!(e instanceof Expr.StrLit s)) return "error";
        byte[] b = s.bytes();
        int len = b.length > 0 && b[b.length - 1] == 0 ? b.length - 1 : b.length;
        return new String(b, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Types a call to builtin {@code id}, or returns null if {@code id} is not a builtin. */
    static Type check(ExprChecker ch, Expr.Call c, Expr.Ident id) {
        String name = id.name();
        if (!name.startsWith("__builtin_")) return null;
        String base = name.substring("__builtin_".length());
        List<Expr> args = c.args();
        if (LIBC.containsKey(base)) {
            Obj o = ch.scope.lookup(base);
            if (o != null && o.kind == Obj.Kind.FUNC && o.inline && o.isStatic) {
                // __builtin_strcpy in FORTIFY's static inline strcpy: the library's strcpy, not the inline one
                o = ch.typed.libraryFunctions.get(base);
                if (o == null) {
                    o = new Obj(base, Obj.Kind.FUNC, new Type.Func(LIBC.get(base), List.of(), false, false, 0), id.span());
                    o.fileScope = true;
                    o.isExtern = true;
                    ch.typed.libraryFunctions.put(base, o);
                    ch.typed.globals.add(o);
                }
            }
            if (o == null) {
                o = new Obj(base, Obj.Kind.FUNC, new Type.Func(LIBC.get(base), List.of(), false, false, 0), id.span());
                o.fileScope = true;
                o.isExtern = true;
                Scope file = ch.scope;
                while (file.parent != null) file = file.parent;
                file.add(o);
                ch.typed.globals.add(o);
            }
            o.used = true;
            ch.typed.refs.put(id, o);
            ch.typed.types.put(id, o.type);
            for (Expr a : args) ch.rvalue(a);
            return Types.unqual(((Type.Func) o.type).ret());
        }
        ch.typed.types.put(id, Type.INT);
        Integer arity = ARITY.get(base);
        if (arity != null && args.size() != arity) {
            for (Expr a : args) ch.rvalue(a);
            ch.error(c.span(), (args.size() < arity ? "too few" : "too many") + " arguments to function " + ExprChecker.q(name));
            return Type.INT;
        }
        Type result;
        switch (base) {
            case "expect", "expect_with_probability" -> {
                checkAll(ch, args);
                result = Type.LONG;
            }
            case "constant_p" -> {
                checkAll(ch, args);
                Object v = args.isEmpty() ? null : ch.consts.eval(args.get(0));
                Integer hidden = v == null && !args.isEmpty() ? ch.hiddenQuery(args.get(0), Typed.Hidden.CONSTANT_P) : null;
                if (hidden != null) {
                    ch.typed.hiddenUses.put(c, hidden);
                } else {
                    ch.typed.constants.put(c, v != null ? 1L : 0L);
                }
                result = Type.INT;
            }
            case "unreachable", "trap", "va_start", "va_end", "va_copy", "prefetch" -> {
                checkAll(ch, args);
                result = Type.VOID;
            }
            case "return_address", "frame_address", "assume_aligned", "extract_return_addr" -> {
                checkAll(ch, args);
                result = Type.ptr(Type.VOID);
            }
            case "object_size", "dynamic_object_size" -> {
                checkAll(ch, args);
                Long t = args.size() > 1 ? ch.consts.intValue(args.get(1)) : Long.valueOf(0);
                int kind = t == null ? 0 : (int) (t & 3);
                Integer hidden = ch.hiddenQuery(args.get(0), kind);
                if (hidden != null) {
                    ch.typed.hiddenUses.put(c, hidden);     // each caller's answer (see Typed.Hidden)
                } else {
                    ch.typed.constants.put(c, ObjectSize.of(ch.typed, args.get(0), kind));
                }
                result = Type.ULONG;
            }
            case "choose_expr" -> {
                if (args.size() != 3) {
                    ch.error(c.span(), "wrong number of arguments to function ‘__builtin_choose_expr’");
                    return Type.INT;
                }
                ch.check(args.get(0));
                Long v = ch.consts.intValue(args.get(0));
                if (v == null) ch.error(args.get(0).span(), "first argument to ‘__builtin_choose_expr’ not a constant");
                result = ch.check(args.get(v != null && v == 0 ? 2 : 1));
            }
            case "clz", "clzl", "clzll", "ctz", "ctzl", "ctzll", "popcount", "popcountl", "popcountll",
                 "ffs", "ffsl", "ffsll", "parity", "parityl", "parityll", "abs", "classify_type" -> {
                checkAll(ch, args);
                result = Type.INT;
            }
            case "labs" -> {
                checkAll(ch, args);
                result = Type.LONG;
            }
            case "bswap16" -> {
                checkAll(ch, args);
                result = Type.USHORT;
            }
            case "bswap32" -> {
                checkAll(ch, args);
                result = Type.UINT;
            }
            case "bswap64" -> {
                checkAll(ch, args);
                result = Type.ULONG;
            }
            case "add_overflow", "sub_overflow", "mul_overflow" -> {
                checkAll(ch, args);
                if (args.size() != 3 || !(Types.decay(ch.check(args.get(2))) instanceof Type.Ptr)) {
                    ch.error(c.span(), "argument 3 in call to function ‘__builtin_" + base + "’ does not have pointer to integral type");
                }
                result = Type.BOOL;
            }
            default -> {
                return null;
            }
        }
        ch.typed.builtins.put(c, name);
        return result;
    }

    private static void checkAll(ExprChecker ch, List<Expr> args) {
        for (Expr a : args) ch.rvalue(a);
    }
}
