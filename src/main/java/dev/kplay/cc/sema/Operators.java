package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.source.Span;

import java.util.List;

/**
 * The operators of C11 6.5.3 to 6.5.16: unary, binary (with pointer arithmetic and the usual
 * arithmetic conversions), the conditional operator and assignment, with the lvalue and
 * modifiability rules and gcc's "invalid operands" wording. Split from {@link ExprChecker},
 * which dispatches each expression here by kind.
 */
abstract class Operators extends Conversions {
    /** The function being checked, or null at file scope. */
    Obj function;
    /** Its parameters, in order. */
    List<Obj> functionParams = List.of();
    /**
     * The if conditions around the statement being checked, outermost first, and whether it is in
     * each one's then branch (true) or else branch: what guards a call (see InlineChecks).
     */
    final List<Expr> guards = new java.util.ArrayList<>();
    final List<Boolean> guardSenses = new java.util.ArrayList<>();
    /** How deep the expression being checked is inside sizeof's operand, which gcc does not evaluate (nor warn about dereferencing void * there). */
    int unevaluated;

    /** Whether gcc inlines the function being checked into every caller (static, inline, always_inline, not variadic). */
    boolean inlinedEverywhere() {
        return function != null && function.inline && function.isStatic && function.attr("always_inline") != null
                && function.type instanceof Type.Func f && !f.variadic();
    }

    /**
     * The hidden argument (Typed.Hidden) that answers a compile-time builtin on {@code arg} in the
     * function being checked: its index, or null unless arg is a parameter of an always_inline
     * function, which gcc inlines into every caller before it answers.
     */
    Integer hiddenQuery(Expr arg, int kind) {
        while (arg instanceof Expr.Cast c) {
            arg = c.operand();
        }
        if (!(arg instanceof Expr.Ident id) || !inlinedEverywhere()) {
            return null;
        }
        Obj p = typed.refs.get(id);
        for (int i = 0; p != null && p.isParam && i < functionParams.size(); i++) {
            if (functionParams.get(i) == p) {
                return function.hiddenIndex(i, kind);
            }
        }
        return null;
    }

    /** Marks the variable e names (through parentheses and casts) as written (Obj.written). */
    private void written(Expr e) {
        while (e instanceof Expr.Cast c) {
            e = c.operand();
        }
        if (e instanceof Expr.Ident id && typed.refs.get(id) != null) {
            typed.refs.get(id).written = true;
        }
    }

    static boolean isLvalue(Typed typed, Expr e) {
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            return o != null && o.kind == Obj.Kind.VAR;
        }
        if (e instanceof Expr.Unary u) return u.op().equals("*");
        if (e instanceof Expr.Index || e instanceof Expr.CompoundLit || e instanceof Expr.StrLit) return true;
        if (e instanceof Expr.Member m) return m.arrow() || isLvalue(typed, m.base());
        return false;
    }

    private boolean requireModifiable(Expr target, Span at, String what) {
        Type t = typed.types.get(target);
        written(target);
        if (!isLvalue(typed, target)) {
            error(at, "lvalue required as " + what);
            return false;
        }
        if (t instanceof Type.Arr) {
            error(at, "assignment to expression with array type");
            return false;
        }
        if ((t.quals() & Type.CONST) != 0) {
            String verb = what.startsWith("left") ? "assignment of" : what.startsWith("incr") ? "increment of" : "decrement of";
            if (target instanceof Expr.Ident id) {
                error(at, verb + " read-only variable " + q(id.name()));
            } else if (target instanceof Expr.Member m) {
                error(at, verb + " read-only member " + q(m.name()));
            } else {
                error(at, verb + " read-only location " + q(Printer.print(target)));
            }
            return false;
        }
        return true;
    }

    Type unary(Expr.Unary u) {
        switch (u.op()) {
            case "&" -> {
                Type t = check(u.operand());
                written(u.operand());
                if (u.operand() instanceof Expr.Member m && typed.members.get(m) != null && typed.members.get(m).isBitfield()) {
                    error(u.span(), "cannot take address of bit-field " + q(m.name()));
                } else if (!(t instanceof Type.Func) && !isLvalue(typed, u.operand())) {
                    error(u.span(), "lvalue required as unary ‘&’ operand");
                }
                return new Type.Ptr(t, 0);
            }
            case "*" -> {
                Type t = rvalue(u.operand());
                if (t instanceof Type.Ptr p) {
                    if (p.base() instanceof Type.Void && unevaluated == 0) warning(u.span(), "dereferencing ‘void *’ pointer", null);
                    return p.base();
                }
                error(u.span(), "invalid type argument of unary ‘*’ (have " + qt(t) + ")");
                return Type.INT;
            }
            case "!" -> {
                Type t = rvalue(u.operand());
                if (!Types.isScalar(t)) error(u.span(), "wrong type argument to unary exclamation mark");
                return Type.INT;
            }
            case "-", "+", "~" -> {
                Type t = rvalue(u.operand());
                if (t instanceof Type.Float) {
                    reportSse(u.span());
                    return t;
                }
                if (!Types.isInteger(t)) {
                    error(u.span(), u.op().equals("~") ? "wrong type argument to bit-complement"
                        : "wrong type argument to unary " + (u.op().equals("-") ? "minus" : "plus"));
                    return Type.INT;
                }
                return Types.promote(t);
            }
            default -> {
                Type t = check(u.operand());
                boolean inc = u.op().endsWith("++");
                if (requireModifiable(u.operand(), u.operand().span(), inc ? "increment operand" : "decrement operand")
                    && !Types.isScalar(t)) {
                    error(u.span(), "wrong type argument to " + (inc ? "increment" : "decrement"));
                }
                return Types.unqual(t);
            }
        }
    }

    Type binary(Expr.Binary b) {
        String op = b.op();
        if (op.equals(",")) {
            check(b.left());
            return rvalue(b.right());
        }
        Type l = rvalue(b.left());
        Type r = rvalue(b.right());
        if (isErroneous(b.left()) || isErroneous(b.right())) return Type.INT;   // already reported
        if (l instanceof Type.Float || r instanceof Type.Float) {
            reportSse(b.opSpan());
            return new Type.Float("double", 8, 0);
        }
        switch (op) {
            case "&&", "||" -> {
                if (!Types.isScalar(l) || !Types.isScalar(r)) invalidOperands(b, l, r);
                return Type.INT;
            }
            case "+" -> {
                if (l instanceof Type.Ptr && Types.isInteger(r)) return pointerArith(b, l);
                if (r instanceof Type.Ptr && Types.isInteger(l)) return pointerArith(b, r);
                return arith(b, l, r);
            }
            case "-" -> {
                if (l instanceof Type.Ptr lp && r instanceof Type.Ptr rp) {
                    if (!Types.compatibleUnqual(Types.unqual(lp.base()), Types.unqual(rp.base()))) {
                        error(b.opSpan(), "invalid operands to binary - (have " + qt(l) + " and " + qt(r) + ")");
                    }
                    return Type.LONG;
                }
                if (l instanceof Type.Ptr && Types.isInteger(r)) return pointerArith(b, l);
                return arith(b, l, r);
            }
            case "*", "/", "%", "&", "|", "^" -> {
                if ((op.equals("/") || op.equals("%")) && Types.isInteger(r)) {
                    check(b.right());
                    Long v = consts.intValue(b.right());
                    if (v != null && v == 0 && function != null) warning(b.opSpan(), "division by zero", "div-by-zero");
                }
                return arith(b, l, r);
            }
            case "<<", ">>" -> {
                if (!Types.isInteger(l) || !Types.isInteger(r)) return invalidOperands(b, l, r);
                Long v = consts.intValue(b.right());
                Type pl = Types.promote(l);
                if (v != null && v < 0) {
                    warning(b.opSpan(), (op.equals("<<") ? "left" : "right") + " shift count is negative", "shift-count-negative");
                } else if (v != null && v >= Types.sizeOf(pl) * 8) {
                    warning(b.opSpan(), (op.equals("<<") ? "left" : "right") + " shift count >= width of type", "shift-count-overflow");
                }
                return pl;
            }
            default -> {
                // comparisons
                if (Types.isArithmetic(l) && Types.isArithmetic(r)) return Type.INT;
                if (l instanceof Type.Ptr lp && r instanceof Type.Ptr rp) {
                    if (!Types.compatibleUnqual(Types.unqual(lp.base()), Types.unqual(rp.base()))
                        && !(lp.base() instanceof Type.Void) && !(rp.base() instanceof Type.Void)) {
                        warning(b.opSpan(), "comparison of distinct pointer types lacks a cast", "compare-distinct-pointer-types");
                    }
                    return Type.INT;
                }
                if (l instanceof Type.Ptr && Types.isInteger(r) || r instanceof Type.Ptr && Types.isInteger(l)) {
                    Expr other = l instanceof Type.Ptr ? b.right() : b.left();
                    if (!isNullConstant(other)) warning(b.opSpan(), "comparison between pointer and integer", null);
                    return Type.INT;
                }
                return invalidOperands(b, l, r);
            }
        }
    }

    private Type pointerArith(Expr.Binary b, Type p) {
        Type base = ((Type.Ptr) p).base();
        if (base instanceof Type.Struct s && !s.tag().complete) {
            error(b.opSpan(), "invalid use of undefined type " + qt(base));
        }
        return Types.unqual(p);
    }

    private Type arith(Expr.Binary b, Type l, Type r) {
        if (!Types.isInteger(l) || !Types.isInteger(r)) return invalidOperands(b, l, r);
        return Types.usualArith(l, r);
    }

    private Type invalidOperands(Expr.Binary b, Type l, Type r) {
        error(b.opSpan(), "invalid operands to binary " + b.op() + " (have " + qt(l) + " and " + qt(r) + ")");
        return Type.INT;
    }

    Type assign(Expr.Assign a) {
        Type t = check(a.target());
        Type v = rvalue(a.value());
        if (!requireModifiable(a.target(), a.opSpan(), "left operand of assignment")) return Types.unqual(t);
        if (a.op().equals("=")) {
            convertCheck(t, a.value(), v, Ctx.ASSIGN, a.opSpan());
        } else {
            String op = a.op().substring(0, a.op().length() - 1);
            boolean ok;
            if (t instanceof Type.Ptr) {
                ok = (op.equals("+") || op.equals("-")) && Types.isInteger(v);
            } else {
                ok = Types.isInteger(t) && Types.isInteger(v);
            }
            if (t instanceof Type.Float || v instanceof Type.Float) {
                reportSse(a.span());
            } else if (!ok) {
                error(a.opSpan(), "invalid operands to binary " + op + " (have " + qt(t) + " and " + qt(v) + ")");
            }
        }
        return Types.unqual(t);
    }

    Type conditional(Expr.Cond c) {
        Type ct = rvalue(c.cond());
        if (!Types.isScalar(ct)) error(c.cond().span(), "used struct type value where scalar is required");
        Type a = c.then() == null ? ct : rvalue(c.then());
        Type b = rvalue(c.otherwise());
        if (Types.isArithmetic(a) && Types.isArithmetic(b)) {
            if (a instanceof Type.Float || b instanceof Type.Float) return new Type.Float("double", 8, 0);
            return Types.usualArith(a, b);
        }
        if (a instanceof Type.Void || b instanceof Type.Void) return Type.VOID;
        if (a instanceof Type.Ptr pa && b instanceof Type.Ptr pb) {
            // C11 6.5.15p6: a null pointer constant takes the other operand's type (linux/const.h's __is_constexpr)
            if (isNullConstant(c.otherwise())) return a;
            if (c.then() != null && isNullConstant(c.then())) return b;
            if (pa.base() instanceof Type.Void) return a;
            if (pb.base() instanceof Type.Void) return b;
            if (!Types.compatibleUnqual(Types.unqual(pa.base()), Types.unqual(pb.base()))) {
                warning(c.span(), "pointer type mismatch in conditional expression", null);
            }
            return new Type.Ptr(pa.base().withQuals(pa.base().quals() | pb.base().quals()), 0);
        }
        if (a instanceof Type.Ptr && Types.isInteger(b)) {
            if (!isNullConstant(c.otherwise())) warning(c.span(), "pointer/integer type mismatch in conditional expression", null);
            return a;
        }
        if (b instanceof Type.Ptr && Types.isInteger(a)) {
            if (c.then() != null && !isNullConstant(c.then())) warning(c.span(), "pointer/integer type mismatch in conditional expression", null);
            return b;
        }
        if (a instanceof Type.Struct sa && b instanceof Type.Struct sb && sa.tag() == sb.tag()) return Types.unqual(a);
        error(c.span(), "type mismatch in conditional expression");
        return a;
    }

    Operators(Diagnostics diags, Typed typed) {
        super(diags, typed);
    }
}
