package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;

/**
 * Constant expressions (C11 6.6) over checked expressions: integer constant expressions (array
 * sizes, case labels, enumerators, bitfield widths, static initializers) and address constants
 * ({@code &x + 4}, {@code "str"}, a function name) for static initializers, which become relocations.
 */
public final class ConstEval {
    /** An address constant: the address of {@code obj} (or of string literal {@code str}) plus {@code addend}. */
    public record Addr(Obj obj, Expr.StrLit str, Expr.CompoundLit lit, long addend) {}

    private final Typed typed;
    /** Values given for some expressions (a callee's parameters at one call), or null. */
    private final java.util.function.Function<Expr, Long> given;

    public ConstEval(Typed typed) {
        this(typed, null);
    }

    /** Evaluation where {@code given} answers first (null: as usual). */
    ConstEval(Typed typed, java.util.function.Function<Expr, Long> given) {
        this.typed = typed;
        this.given = given;
    }

    /** The value of an integer constant expression, or null if it is not one. */
    public Long intValue(Expr e) {
        Object v = eval(e);
        return v instanceof Long l ? l : null;
    }

    /** A Long, an {@link Addr}, or null for an expression that is not constant. */
    public Object eval(Expr e) {
        try {
            return evalRaw(e);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    static long parseInt(String text) {
        String s = text.toLowerCase();
        s = s.substring(0, s.length() - suffixLength(s));
        if (s.startsWith("0x")) return Long.parseUnsignedLong(s.substring(2), 16);
        if (s.startsWith("0b")) return Long.parseUnsignedLong(s.substring(2), 2);
        if (s.length() > 1 && s.startsWith("0")) return Long.parseUnsignedLong(s.substring(1), 8);
        return Long.parseUnsignedLong(s);
    }

    /** Length of the integer suffix (the trailing run of 'u' and 'l') of a lower-cased literal. */
    static int suffixLength(String lower) {
        int i = lower.length();
        while (i > 0 && (lower.charAt(i - 1) == 'u' || lower.charAt(i - 1) == 'l')) {
            i--;
        }
        return lower.length() - i;
    }

    /** Truncates {@code v} to type {@code t} and extends it back as the VM keeps values. */
    /** strlen() of string literal bytes s from offset from: up to the first NUL or the end. */
    static long literalLength(byte[] s, int from) {
        int n = from;
        while (n < s.length && s[n] != 0) n++;
        return n - from;
    }

    public static long normalize(long v, Type t) {
        if (t instanceof Type.Ptr) return v;
        if (!Types.isInteger(t)) return v;
        Type.IntKind k = Types.kind(t);
        if (k == Type.IntKind.BOOL) return v != 0 ? 1 : 0;
        int bits = k.size * 8;
        if (bits >= 64) return v;
        long mask = (1L << bits) - 1;
        v &= mask;
        if (!k.unsigned && (v & (1L << (bits - 1))) != 0) v |= ~mask;
        return v;
    }

    private Object evalRaw(Expr e) {
        if (given != null) {
            Long v = given.apply(e);
            if (v != null) {
                return v;
            }
        }
        Type t = typed.types.get(e);
        if (e instanceof Expr.IntLit l) return normalize(parseInt(l.text()), t);
        if (e instanceof Expr.CharLit c) return c.value();
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            if (o == null) return null;
            if (o.kind == Obj.Kind.ENUM_CONST) return o.enumValue;
            if (o.kind == Obj.Kind.FUNC || (o.fileScope || o.isStatic) && t instanceof Type.Arr) {
                return new Addr(o, null, null, 0);
            }
            return null;
        }
        if (e instanceof Expr.StrLit s) return new Addr(null, s, null, 0);
        if (e instanceof Expr.CompoundLit c && t instanceof Type.Arr) return new Addr(null, null, c, 0);
        if (e instanceof Expr.SizeofExpr || e instanceof Expr.SizeofType || e instanceof Expr.Offsetof
            || e instanceof Expr.TypesCompatible) {
            Long v = typed.constants.get(e);
            return v;
        }
        if (e instanceof Expr.Call c) {
            String b = typed.builtins.get(c);
            if ("__builtin_constant_p".equals(b) || "__builtin_types_compatible_p".equals(b) || "__builtin_object_size".equals(b)) {
                return typed.constants.get(e);
            }
            if ("__builtin_expect".equals(b)) return evalRaw(c.args().get(0));
            if (c.callee() instanceof Expr.Ident f && f.name().equals("__builtin_strlen") && c.args().size() == 1 && evalRaw(c.args().get(0)) instanceof Addr a
                    && a.str() != null && a.addend() >= 0 && a.addend() <= a.str().bytes().length) {
                // gcc folds the length of a string literal (linux/string.h's strlen() in a static initialiser)
                return literalLength(a.str().bytes(), (int) a.addend());
            }
            if ("__builtin_choose_expr".equals(b)) {
                Long cond = intValue(c.args().get(0));
                return cond == null ? null : evalRaw(c.args().get(cond != 0 ? 1 : 2));
            }
            return null;
        }
        if (e instanceof Expr.Generic g) {
            Expr chosen = typed.generic.get(g);
            return chosen == null ? null : evalRaw(chosen);
        }
        if (e instanceof Expr.Cast c) {
            Object v = evalRaw(c.operand());
            if (v instanceof Long l) return normalize(l, t);
            if (v instanceof Addr a && (t instanceof Type.Ptr || Types.isInteger(t) && Types.sizeOf(t) == 8)) return a;
            return null;
        }
        if (e instanceof Expr.Unary u) {
            switch (u.op()) {
                case "&" -> { return address(u.operand()); }
                case "*" -> { return null; }
                case "+" -> { return evalRaw(u.operand()); }
                default -> { }
            }
            Long v = intValue(u.operand());
            if (v == null) return null;
            return switch (u.op()) {
                case "-" -> normalize(-v, t);
                case "~" -> normalize(~v, t);
                case "!" -> v == 0 ? 1L : 0L;
                default -> null;
            };
        }
        if (e instanceof Expr.Cond c) {
            Long cond = intValue(c.cond());
            if (cond == null) return null;
            Object r = cond != 0 ? (c.then() == null ? cond : evalRaw(c.then())) : evalRaw(c.otherwise());
            return r instanceof Long l ? (Object) normalize(l, t) : r;
        }
        if (e instanceof Expr.Binary b) {
            if (t == null || given != null) return binary(b, t);     // (the cache holds answers without given values)
            java.util.Optional<Object> known = typed.folded.get(b);
            if (known != null) return known.orElse(null);
            Object v;
            try {
                v = binary(b, t);
            } catch (RuntimeException ex) {
                v = null;
            }
            typed.folded.put(b, java.util.Optional.ofNullable(v));
            return v;
        }
        if (e instanceof Expr.Member || e instanceof Expr.Index) {
            if (t instanceof Type.Arr) return address(e);
            return null;
        }
        return null;
    }

    private Object binary(Expr.Binary b, Type t) {
        String op = b.op();
        if (op.equals("&&") || op.equals("||")) {
            Long l = intValue(b.left());
            if (l == null) return null;
            if (op.equals("&&") && l == 0) return 0L;
            if (op.equals("||") && l != 0) return 1L;
            Long r = intValue(b.right());
            return r == null ? null : (r != 0 ? 1L : 0L);
        }
        if (op.equals(",")) return null;
        Object lo = evalRaw(b.left());
        Object ro = evalRaw(b.right());
        if (lo == null || ro == null) return null;
        Type lt = Types.decay(typed.types.get(b.left()));
        Type rt = Types.decay(typed.types.get(b.right()));
        if (lo instanceof Addr a && ro instanceof Long r && (op.equals("+") || op.equals("-"))) {
            long scale = lt instanceof Type.Ptr p ? Math.max(1, Types.sizeOf(p.base())) : 1;
            return new Addr(a.obj(), a.str(), a.lit(), a.addend() + (op.equals("+") ? r : -r) * scale);
        }
        if (ro instanceof Addr a && lo instanceof Long l && op.equals("+")) {
            long scale = rt instanceof Type.Ptr p ? Math.max(1, Types.sizeOf(p.base())) : 1;
            return new Addr(a.obj(), a.str(), a.lit(), a.addend() + l * scale);
        }
        if (!(lo instanceof Long) || !(ro instanceof Long)) return null;
        long l = (Long) lo, r = (Long) ro;
        Type common = Types.isInteger(lt) && Types.isInteger(rt) ? Types.usualArith(lt, rt) : Type.LONG;
        boolean uns = Types.isUnsigned(common);
        switch (op) {
            case "+": return normalize(l + r, t);
            case "-":
                if (lt instanceof Type.Ptr p) return (l - r) / Math.max(1, Types.sizeOf(p.base()));
                return normalize(l - r, t);
            case "*": return normalize(l * r, t);
            case "/":
                if (r == 0) return null;
                return normalize(uns ? Long.divideUnsigned(l, r) : l / r, t);
            case "%":
                if (r == 0) return null;
                return normalize(uns ? Long.remainderUnsigned(l, r) : l % r, t);
            case "&": return normalize(l & r, t);
            case "|": return normalize(l | r, t);
            case "^": return normalize(l ^ r, t);
            case "<<": return normalize(l << r, t);
            case ">>": return normalize(Types.isUnsigned(Types.promote(lt)) ? l >>> r : l >> r, t);
            default: break;
        }
        int cmp = uns ? Long.compareUnsigned(l, r) : Long.compare(l, r);
        return switch (op) {
            case "==" -> cmp == 0 ? 1L : 0L;
            case "!=" -> cmp != 0 ? 1L : 0L;
            case "<" -> cmp < 0 ? 1L : 0L;
            case "<=" -> cmp <= 0 ? 1L : 0L;
            case ">" -> cmp > 0 ? 1L : 0L;
            case ">=" -> cmp >= 0 ? 1L : 0L;
            default -> null;
        };
    }

    /** The address of an lvalue as a constant, or null ({@code &x}, {@code &a[2]}, {@code &s.f}). */
    private Object address(Expr e) {
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            if (o == null || o.kind == Obj.Kind.ENUM_CONST) return null;
            if (o.kind == Obj.Kind.FUNC || o.fileScope || o.isStatic) return new Addr(o, null, null, 0);
            return null;
        }
        if (e instanceof Expr.StrLit s) return new Addr(null, s, null, 0);
        if (e instanceof Expr.CompoundLit c) return new Addr(null, null, c, 0);
        if (e instanceof Expr.Member m) {
            Type.Member mem = typed.members.get(m);
            if (mem == null) return null;
            Object base = m.arrow() ? evalRaw(m.base()) : address(m.base());
            if (m.arrow() && base instanceof Long l) return l + mem.offset();   // offsetof idiom
            if (base instanceof Addr a) return new Addr(a.obj(), a.str(), a.lit(), a.addend() + mem.offset());
            return null;
        }
        if (e instanceof Expr.Index ix) {
            Type bt = Types.decay(typed.types.get(ix.base()));
            Expr ptr = bt instanceof Type.Ptr ? ix.base() : ix.index();
            Expr idx = bt instanceof Type.Ptr ? ix.index() : ix.base();
            Type pt = Types.decay(typed.types.get(ptr));
            Object base = evalRaw(ptr);
            Long i = intValue(idx);
            if (i == null) return null;
            long scale = Types.sizeOf(((Type.Ptr) pt).base());
            if (base instanceof Addr a) return new Addr(a.obj(), a.str(), a.lit(), a.addend() + i * scale);
            if (base instanceof Long l) return l + i * scale;
            return null;
        }
        if (e instanceof Expr.Unary u && u.op().equals("*")) return evalRaw(u.operand());
        if (e instanceof Expr.Cast c) return address(c.operand());
        return null;
    }
}
