package dev.kplay.cc.sema;

import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.source.Span;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expression checking: computes each expression's type (6.5), applies the conversions C implies,
 * resolves identifiers and members, and reports gcc's errors and warnings with gcc's wording.
 * Every expression's type goes into {@link Typed#types}; lowering recomputes nothing.
 */
abstract class ExprChecker extends TypeResolver {
    /** How a value is being converted by assignment: the wording of gcc's messages depends on it. */
    record Ctx(String kind, int argNo, Obj callee, Span calleeSpan, Span paramRange) {
        static final Ctx INIT = new Ctx("init", 0, null, null, null);
        static final Ctx ASSIGN = new Ctx("assign", 0, null, null, null);
        static final Ctx RETURN = new Ctx("return", 0, null, null, null);
    }

    /** The function being checked, or null at file scope. */
    Obj function;
    Type returnType;
    List<Obj> functionLocals;
    final Set<String> undeclaredInFunction = new HashSet<>();
    boolean undeclaredNoteShown;
    boolean sseReported;
    /** isErroneous of each compound expression already asked, so a long chain costs linear time. */
    private final Map<Expr, Boolean> erroneous = new IdentityHashMap<>();

    ExprChecker(Diagnostics diags, Typed typed) {
        super(diags, typed);
    }

    abstract Type checkStmtExpr(Stmt.Block body);

    abstract void checkCompoundLiteral(Expr.CompoundLit e, Type t);

    Type rvalue(Expr e) {
        return Types.decay(check(e));
    }

    @Override
    Type check(Expr e) {
        CpuLimit.tick();
        Type t = typed.types.get(e);
        if (t != null) return t;
        t = compute(e);
        if (t == null) t = Type.INT;
        typed.types.put(e, t);
        return t;
    }

    private Type compute(Expr e) {
        if (e instanceof Expr.IntLit l) return intLiteralType(l);
        if (e instanceof Expr.CharLit) return Type.INT;
        if (e instanceof Expr.StrLit s) return new Type.Arr(Type.CHAR, s.bytes().length + 1, 0);
        if (e instanceof Expr.FloatLit) return new Type.Float("double", 8, 0);
        if (e instanceof Expr.Error) {
            hardErrors++;   // already reported by the parser
            return Type.INT;
        }
        if (e instanceof Expr.Ident id) return ident(id);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Assign a) return assign(a);
        if (e instanceof Expr.Cond c) return conditional(c);
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Index ix) return index(ix);
        if (e instanceof Expr.Member m) return member(m);
        if (e instanceof Expr.Cast c) return cast(c);
        if (e instanceof Expr.SizeofExpr s) {
            Type t = check(s.operand());
            if (s.operand() instanceof Expr.Member m && typed.members.get(m) != null && typed.members.get(m).isBitfield()) {
                error(s.span(), "‘sizeof’ applied to a bit-field");
            }
            return sizeofResult(e, t, s.align(), s.span());
        }
        if (e instanceof Expr.SizeofType s) return sizeofResult(e, typeName(s.type()), s.align(), s.span());
        if (e instanceof Expr.CompoundLit c) {
            Type t = typeName(c.type());
            checkCompoundLiteral(c, t);
            return typed.types.getOrDefault(c, t);
        }
        if (e instanceof Expr.StmtExpr s) return checkStmtExpr(s.body());
        if (e instanceof Expr.Offsetof o) return offsetof(o);
        if (e instanceof Expr.TypesCompatible tc) {
            Type a = Types.unqual(typeName(tc.a())), b = Types.unqual(typeName(tc.b()));
            typed.constants.put(e, Types.compatibleUnqual(a, b) ? 1L : 0L);
            return Type.INT;
        }
        if (e instanceof Expr.VaArg v) {
            rvalue(v.ap());
            return Types.unqual(typeName(v.type()));
        }
        if (e instanceof Expr.Generic g) return generic(g);
        throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
    }

    void reportSse(Span at) {
        if (!sseReported) {
            sseReported = true;
            error(at, "SSE register return with SSE disabled");
        }
    }

    private Type intLiteralType(Expr.IntLit l) {
        String text = l.text().toLowerCase();
        String suffix = text.replaceAll("^.*?([ul]*)$", "$1");
        boolean u = suffix.contains("u");
        int longs = suffix.replace("u", "").length();
        boolean decimal = !text.startsWith("0") || text.equals("0") || suffix.length() == text.length() - 1 && text.startsWith("0") && text.length() - suffix.length() == 1;
        long v;
        try {
            v = ConstEval.parseInt(l.text());
        } catch (NumberFormatException ex) {
            error(l.span(), "invalid suffix \"" + l.text().replaceAll("^[0-9a-fA-FxX]*", "") + "\" on integer constant");
            return Type.INT;
        }
        boolean fitsInt = v >= 0 && v <= Integer.MAX_VALUE;
        boolean fitsUint = v >= 0 && v <= 0xffffffffL;
        boolean fitsLong = v >= 0;
        if (longs == 0) {
            if (u) return fitsUint ? Type.UINT : Type.ULONG;
            if (fitsInt) return Type.INT;
            if (!decimal && fitsUint) return Type.UINT;
            if (fitsLong) return Type.LONG;
            return Type.ULONG;
        }
        if (longs == 1) {
            if (u) return Type.ULONG;
            return fitsLong || decimal ? Type.LONG : Type.ULONG;
        }
        if (u) return Type.ULLONG;
        return fitsLong || decimal ? Type.LLONG : Type.ULLONG;
    }

    private Type sizeofResult(Expr e, Type t, boolean align, Span at) {
        if (!align && !Types.isComplete(t) && !(t instanceof Type.Void) && !(t instanceof Type.Func)) {
            error(at, "invalid application of ‘sizeof’ to incomplete type " + qt(t));
        }
        typed.constants.put(e, align ? (long) Types.alignOf(t) : Types.sizeOf(t));
        return Type.ULONG;
    }

    // ---- identifiers ---------------------------------------------------------------------------

    private Type ident(Expr.Ident id) {
        Obj o = scope.lookup(id.name());
        if (o == null) {
            if (function == null) {
                error(id.span(), q(id.name()) + " undeclared here (not in a function)");
            } else {
                String hint = Spelling.suggest(scope, id.name(), false);
                if (hint == null) {
                    error(id.span(), q(id.name()) + " undeclared (first use in this function)");
                } else {
                    reported++;
                    errors++;
                    hardErrors++;
                    diags.reportRich(Severity.ERROR, id.span(), List.of(Diagnostics.Label.of(id.span())), hint, id.span(),
                        q(id.name()) + " undeclared (first use in this function); did you mean " + q(hint) + "?", null);
                }
                if (!undeclaredNoteShown) {
                    undeclaredNoteShown = true;
                    note(id.span(), "each undeclared identifier is reported only once for each function it appears in");
                }
            }
            o = new Obj(id.name(), Obj.Kind.VAR, Type.INT, id.span());
            o.used = true;
            o.noUnusedWarning = true;
            o.erroneous = true;
            o.fileScope = function == null;
            if (function != null) {
                Scope fs = scope;
                while (fs.parent != null && fs.parent.parent != null) fs = fs.parent;
                fs.names.put(o.name, o);
                if (functionLocals != null) functionLocals.add(o);
            }
            typed.refs.put(id, o);
            return Type.INT;
        }
        if (o.kind == Obj.Kind.TYPEDEF) {
            error(id.span(), "expected expression before " + q(id.name()));
            return Type.INT;
        }
        o.used = true;
        typed.refs.put(id, o);
        if (o.kind == Obj.Kind.ENUM_CONST) return Type.INT;
        return o.type;
    }

    // ---- operators -----------------------------------------------------------------------------

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

    private Type unary(Expr.Unary u) {
        switch (u.op()) {
            case "&" -> {
                Type t = check(u.operand());
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
                    if (p.base() instanceof Type.Void) warning(u.span(), "dereferencing ‘void *’ pointer", null);
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

    private Type binary(Expr.Binary b) {
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

    boolean isNullConstant(Expr e) {
        Type t = typed.types.get(e);
        if (t == null) t = check(e);
        if (Types.isInteger(t)) {
            Long v = consts.intValue(e);
            return v != null && v == 0;
        }
        if (e instanceof Expr.Cast c && t instanceof Type.Ptr p && p.base() instanceof Type.Void) {
            return isNullConstant(c.operand());
        }
        return false;
    }

    private Type assign(Expr.Assign a) {
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

    private Type conditional(Expr.Cond c) {
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

    private Type index(Expr.Index ix) {
        Type b = rvalue(ix.base());
        Type i = rvalue(ix.index());
        Type p = b instanceof Type.Ptr ? b : i instanceof Type.Ptr ? i : null;
        Type n = b instanceof Type.Ptr ? i : b;
        if (p == null) {
            error(ix.open(), "subscripted value is neither array nor pointer nor vector");
            return Type.INT;
        }
        if (!Types.isInteger(n)) {
            error(ix.open(), "array subscript is not an integer");
            return Type.INT;
        }
        Type base = ((Type.Ptr) p).base();
        if (base instanceof Type.Void) warning(ix.span(), "dereferencing ‘void *’ pointer", null);
        return base;
    }

    private Type member(Expr.Member m) {
        Type t = m.arrow() ? rvalue(m.base()) : check(m.base());
        Type st = t;
        if (m.arrow()) {
            if (!(t instanceof Type.Ptr p)) {
                error(m.opSpan(), "invalid type argument of ‘->’ (have " + qt(t) + ")");
                return Type.INT;
            }
            st = p.base();
        } else if (t instanceof Type.Ptr p && p.base() instanceof Type.Struct) {
            String msg = (m.base() instanceof Expr.Ident id ? q(id.name()) : "expression") + " is a pointer; did you mean to use ‘->’?";
            diags.reportRich(Severity.ERROR, m.opSpan(), List.of(Diagnostics.Label.of(m.opSpan())), "->", m.opSpan(), msg, null);
            errors++;
            hardErrors++;
            return Type.INT;
        }
        if (!(st instanceof Type.Struct s)) {
            error(m.opSpan(), "request for member " + q(m.name()) + " in something not a structure or union");
            return Type.INT;
        }
        if (!s.tag().complete) {
            error(m.opSpan(), "invalid use of undefined type " + qt(Types.unqual(st)));
            return Type.INT;
        }
        Type.Member mem = Types.findMember(s.tag(), m.name());
        if (mem == null) {
            String hint = Spelling.suggestMember(s.tag(), m.name());
            if (hint != null) {
                reported++;
                errors++;
                hardErrors++;
                diags.reportRich(Severity.ERROR, m.nameSpan(), List.of(Diagnostics.Label.of(m.nameSpan())), hint, m.nameSpan(),
                    qt(st) + " has no member named " + q(m.name()) + "; did you mean " + q(hint) + "?", null);
                return Type.INT;
            }
            error(m.opSpan(), qt(Types.unqual(st)) + " has no member named " + q(m.name()));
            return Type.INT;
        }
        typed.members.put(m, mem);
        Type mt = mem.type();
        int quals = st.quals();
        return quals == 0 ? mt : mt.withQuals(mt.quals() | quals);
    }

    private Type cast(Expr.Cast c) {
        Type to = typeName(c.type());
        Type from = rvalue(c.operand());
        if (to instanceof Type.Void) return Type.VOID;
        if (to instanceof Type.Float || from instanceof Type.Float) {
            reportSse(c.span());
            return to;
        }
        if (!Types.isScalar(to)) {
            error(c.span(), "conversion to non-scalar type requested");
            return Types.unqual(to);
        }
        if (!Types.isScalar(from)) {
            error(c.span(), "aggregate value used where " + (to instanceof Type.Ptr ? "a pointer" : "an integer") + " was expected");
            return Types.unqual(to);
        }
        if (to instanceof Type.Ptr && Types.isInteger(from) && Types.sizeOf(from) < 8 && consts.intValue(c.operand()) == null) {
            warning(c.span(), "cast to pointer from integer of different size", "int-to-pointer-cast");
        } else if (Types.isInteger(to) && from instanceof Type.Ptr && Types.sizeOf(to) < 8) {
            warning(c.span(), "cast from pointer to integer of different size", "pointer-to-int-cast");
        }
        return Types.unqual(to);
    }

    private Type offsetof(Expr.Offsetof o) {
        Type t = typeName(o.type());
        long off = 0;
        for (var d : o.path()) {
            if (d instanceof dev.kplay.cc.parse.Designator.Field f) {
                if (!(t instanceof Type.Struct s) || !s.tag().complete) {
                    error(f.span(), "request for member " + q(f.name()) + " in something not a structure or union");
                    break;
                }
                Type.Member m = Types.findMember(s.tag(), f.name());
                if (m == null) {
                    error(f.span(), qt(Types.unqual(t)) + " has no member named " + q(f.name()));
                    break;
                }
                off += m.offset();
                t = m.type();
            } else if (d instanceof dev.kplay.cc.parse.Designator.Index ix) {
                check(ix.index());
                Long v = consts.intValue(ix.index());
                if (!(t instanceof Type.Arr a)) {
                    error(ix.span(), "subscripted value is neither array nor pointer nor vector");
                    break;
                }
                off += (v == null ? 0 : v) * Types.sizeOf(a.elem());
                t = a.elem();
            }
        }
        typed.constants.put(o, off);
        return Type.ULONG;
    }

    private Type generic(Expr.Generic g) {
        Type ct = rvalue(g.control());
        Expr chosen = null, dflt = null;
        for (int i = 0; i < g.types().size(); i++) {
            if (g.types().get(i) == null) {
                dflt = g.values().get(i);
            } else if (chosen == null && Types.compatibleUnqual(Types.unqual(typeName(g.types().get(i))), Types.unqual(ct))) {
                chosen = g.values().get(i);
            }
        }
        if (chosen == null) chosen = dflt;
        if (chosen == null) {
            error(g.control().span(), "‘_Generic’ selector of type " + qt(ct) + " is not compatible with any association");
            return Type.INT;
        }
        typed.generic.put(g, chosen);
        return check(chosen);
    }

    // ---- calls ---------------------------------------------------------------------------------

    private Type call(Expr.Call c) {
        if (c.callee() instanceof Expr.Ident id && scope.lookup(id.name()) == null) {
            Type bt = Builtins.check(this, c, id);
            if (bt != null) return bt;
            String hint = Spelling.suggest(scope, id.name(), true);
            if (hint == null) {
                warning(id.span(), "implicit declaration of function " + q(id.name()), "implicit-function-declaration");
            } else {
                reported++;
                Severity used = diags.reportRich(Severity.WARNING, id.span(), List.of(Diagnostics.Label.of(id.span())), hint,
                    id.span(), "implicit declaration of function " + q(id.name()) + "; did you mean " + q(hint) + "?",
                    "implicit-function-declaration");
                if (used == Severity.ERROR) errors++;
            }
            Obj o = new Obj(id.name(), Obj.Kind.FUNC, new Type.Func(Type.INT, List.of(), false, false, 0), id.span());
            o.fileScope = true;
            o.isExtern = true;
            o.implicit = true;
            Scope file = scope;
            while (file.parent != null) file = file.parent;
            file.add(o);
            typed.globals.add(o);
        }
        Type ft = rvalue(c.callee());
        Obj callee = c.callee() instanceof Expr.Ident id ? typed.refs.get(id) : null;
        if (!(ft instanceof Type.Ptr p) || !(p.base() instanceof Type.Func f)) {
            error(c.span(), "called object " + (callee != null ? q(callee.name) + " " : "") + "is not a function or function pointer");
            for (Expr a : c.args()) rvalue(a);
            return Type.INT;
        }
        String name = callee != null ? callee.name : null;
        List<Type> params = f.params();
        if (f.prototype()) {
            Span at = c.callee().span();
            if (c.args().size() < params.size()) {
                error(at, "too few arguments to function " + q(name != null ? name : Printer.print(c.callee())));
                if (callee != null) note(callee.span, "declared here");
            } else if (c.args().size() > params.size() && !f.variadic()) {
                error(at, "too many arguments to function " + q(name != null ? name : Printer.print(c.callee())));
                if (callee != null) note(callee.span, "declared here");
            }
        }
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            Type at = rvalue(a);
            if (at instanceof Type.Void) error(a.span(), "invalid use of void expression");
            if (f.prototype() && i < params.size()) {
                Span ps = callee != null && i < callee.paramSpans.size() ? callee.paramSpans.get(i) : callee != null ? callee.span : null;
                Span pr = callee != null && i < callee.paramRanges.size() ? callee.paramRanges.get(i) : ps;
                convertCheck(params.get(i), a, at, new Ctx("arg", i + 1, callee, ps, pr), a.span());
            } else if (at instanceof Type.Float) {
                reportSse(a.span());
            }
        }
        if (callee != null && callee.attr("format") != null) Format.check(this, callee, c);
        if (f.ret() instanceof Type.Float) reportSse(c.span());
        return Types.unqual(f.ret());
    }

    // ---- conversion as if by assignment ------------------------------------------------------

    /** Whether an expression contains an error gcc already reported (its error_mark_node silences the rest). */
    boolean isErroneous(Expr e) {
        if (e instanceof Expr.Error) return true;
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            return o != null && o.erroneous;
        }
        if (e instanceof Expr.Member m) return isErroneous(m.base()) || typed.members.get(m) == null;
        Boolean known = erroneous.get(e);
        if (known != null) return known;
        boolean r = false;
        if (e instanceof Expr.Unary u) r = isErroneous(u.operand());
        if (e instanceof Expr.Binary b) r = isErroneous(b.left()) || isErroneous(b.right());
        if (e instanceof Expr.Cast c) r = isErroneous(c.operand());
        if (e instanceof Expr.Cond c) r = isErroneous(c.cond()) || c.then() != null && isErroneous(c.then()) || isErroneous(c.otherwise());
        if (e instanceof Expr.Index ix) r = isErroneous(ix.base()) || isErroneous(ix.index());
        erroneous.put(e, r);
        return r;
    }

    /** gcc's location of an expression: a call is where its function is named. */
    static Span location(Expr e) {
        if (e instanceof Expr.Call c) return c.callee().span();
        if (e instanceof Expr.Unary u && !u.op().startsWith("post")) {
            Span s = u.span();
            return new Span(s.file(), s.start(), Math.min(s.end(), s.start() + u.op().length()));
        }
        return e.span();
    }

    /** Checks that {@code from} (of type {@code ft}) converts to {@code to} as by assignment (6.5.16.1). */
    void convertCheck(Type to, Expr from, Type ft, Ctx ctx, Span at) {
        if (isErroneous(from)) return;
        if (ctx.kind().equals("init") || ctx.kind().equals("return")) at = location(from);
        Type t = Types.unqual(to);
        if (t instanceof Type.Float || ft instanceof Type.Float) {
            // gcc -O2 folds a constant into a float variable without touching an FPU register
            boolean folded = consts.intValue(from) != null || from instanceof Expr.FloatLit;
            if (!(t instanceof Type.Float && ft instanceof Type.Float) && !folded) reportSse(at);
            return;
        }
        if (Types.isArithmetic(t) && Types.isArithmetic(ft)) {
            overflowCheck(t, from, at);
            return;
        }
        if (t instanceof Type.Struct ts) {
            if (ft instanceof Type.Struct fs && fs.tag() == ts.tag()) return;
            incompatible(t, ft, ctx, at);
            return;
        }
        if (t instanceof Type.Ptr tp) {
            if (ft instanceof Type.Ptr fp) {
                Type tb = tp.base(), fb = fp.base();
                boolean voidish = tb instanceof Type.Void || fb instanceof Type.Void;
                boolean compat = voidish || Types.compatibleUnqual(Types.unqual(tb), Types.unqual(fb))
                    || Types.isInteger(tb) && Types.isInteger(fb) && Types.sizeOf(tb) == Types.sizeOf(fb);   // -Wno-pointer-sign
                if (voidish && (tb instanceof Type.Func || fb instanceof Type.Func)) compat = true;
                if (!compat) {
                    incompatiblePointer(t, ft, ctx, at);
                    return;
                }
                int lost = fb.quals() & ~tb.quals();
                if (lost != 0 && !(fb instanceof Type.Func)) {
                    String which = (lost & Type.CONST) != 0 ? "const" : "volatile";
                    String msg = switch (ctx.kind()) {
                        case "init" -> "initialization discards ‘" + which + "’ qualifier from pointer target type";
                        case "assign" -> "assignment discards ‘" + which + "’ qualifier from pointer target type";
                        case "return" -> "return discards ‘" + which + "’ qualifier from pointer target type";
                        default -> "passing argument " + ctx.argNo() + " of " + q(calleeName(ctx)) + " discards ‘" + which
                            + "’ qualifier from pointer target type";
                    };
                    warning(at, msg, "discarded-qualifiers");
                    argNote(ctx, t, ft);
                }
                return;
            }
            if (Types.isInteger(ft)) {
                if (isNullConstant(from)) return;
                String msg = switch (ctx.kind()) {
                    case "init" -> "initialization of " + qt(t) + " from " + qt(ft) + " makes pointer from integer without a cast";
                    case "assign" -> "assignment to " + qt(t) + " from " + qt(ft) + " makes pointer from integer without a cast";
                    case "return" -> "returning " + qt(ft) + " from a function with return type " + qt(t) + " makes pointer from integer without a cast";
                    default -> "passing argument " + ctx.argNo() + " of " + q(calleeName(ctx)) + " makes pointer from integer without a cast";
                };
                if (ctx.kind().equals("arg")) argDiag(Severity.WARNING, at, ft, msg, "int-conversion");
                else warning(at, msg, "int-conversion");
                argNote(ctx, t, ft);
                return;
            }
            incompatible(t, ft, ctx, at);
            return;
        }
        if (Types.isInteger(t) && ft instanceof Type.Ptr) {
            if (t instanceof Type.Int i && i.kind() == Type.IntKind.BOOL) return;
            String msg = switch (ctx.kind()) {
                case "init" -> "initialization of " + qt(t) + " from " + qt(ft) + " makes integer from pointer without a cast";
                case "assign" -> "assignment to " + qt(t) + " from " + qt(ft) + " makes integer from pointer without a cast";
                case "return" -> "returning " + qt(ft) + " from a function with return type " + qt(t) + " makes integer from pointer without a cast";
                default -> "passing argument " + ctx.argNo() + " of " + q(calleeName(ctx)) + " makes integer from pointer without a cast";
            };
            if (ctx.kind().equals("arg")) argDiag(Severity.WARNING, at, ft, msg, "int-conversion");
            else warning(at, msg, "int-conversion");
            argNote(ctx, t, ft);
            return;
        }
        if (t instanceof Type.Void) return;
        incompatible(t, ft, ctx, at);
    }

    /** -Woverflow for an integer constant that changes value when converted to a narrower type. */
    private void overflowCheck(Type t, Expr from, Span at) {
        if (!Types.isInteger(t)) return;
        Long v = consts.intValue(from);
        if (v == null) return;
        Type.IntKind k = Types.kind(t);
        if (k.size >= 8 || k == Type.IntKind.BOOL) return;
        long n = ConstEval.normalize(v, t);
        if (n == v) return;
        Type ft = Types.promote(typed.types.get(from));
        long limit = 1L << (k.size * 8);
        if (!k.unsigned && v >= 0 && v < limit) {
            warning(at, "overflow in conversion from " + qt(ft) + " to " + qt(t) + " changes value from "
                + q(Long.toString(v)) + " to " + q(Long.toString(n)), "overflow");
        } else if (k.unsigned && v >= limit) {
            warning(at, "unsigned conversion from " + qt(ft) + " to " + qt(t) + " changes value from "
                + q(Long.toString(v)) + " to " + q(Long.toString(n)), "overflow");
        }
    }

    /** A warning (or error) about argument {@code at}, labelled with the argument's type as gcc does. */
    private void argDiag(Severity sev, Span at, Type ft, String msg, String option) {
        reported++;
        Severity used = diags.reportRich(sev, at, List.of(new Diagnostics.Label(at, labelType(ft))), null, null, msg, option);
        if (used == Severity.ERROR) {
            errors++;
            if (sev == Severity.ERROR) hardErrors++;
        }
    }

    private static String calleeName(Ctx ctx) {
        return ctx.callee() != null ? ctx.callee().name : "function";
    }

    private void argNote(Ctx ctx, Type t, Type ft) {
        if (ctx.kind().equals("arg") && ctx.calleeSpan() != null) {
            String msg = "expected " + qt(t) + " but argument is of type " + qt(ft);
            if (ctx.paramRange() != null) {
                diags.reportRich(Severity.NOTE, ctx.calleeSpan(), List.of(Diagnostics.Label.of(ctx.paramRange())), null, null, msg, null);
            } else {
                note(ctx.calleeSpan(), msg);
            }
        }
    }

    private void incompatiblePointer(Type t, Type ft, Ctx ctx, Span at) {
        String msg = switch (ctx.kind()) {
            case "init" -> "initialization of " + qt(t) + " from incompatible pointer type " + qt(ft);
            case "assign" -> "assignment to " + qt(t) + " from incompatible pointer type " + qt(ft);
            case "return" -> "returning " + qt(ft) + " from a function with incompatible return type " + qt(t);
            default -> "passing argument " + ctx.argNo() + " of " + q(calleeName(ctx)) + " from incompatible pointer type";
        };
        if (ctx.kind().equals("arg")) argDiag(Severity.WARNING, at, ft, msg, "incompatible-pointer-types");
        else warning(at, msg, "incompatible-pointer-types");
        argNote(ctx, t, ft);
    }

    private void incompatible(Type t, Type ft, Ctx ctx, Span at) {
        String msg = switch (ctx.kind()) {
            case "init" -> "incompatible types when initializing type " + qt(t) + " using type " + qt(ft);
            case "assign" -> "incompatible types when assigning to type " + qt(t) + " from type " + qt(ft);
            case "return" -> "incompatible types when returning type " + qt(ft) + " but " + qt(t) + " was expected";
            default -> "incompatible type for argument " + ctx.argNo() + " of " + q(calleeName(ctx));
        };
        if (ctx.kind().equals("arg")) argDiag(Severity.ERROR, at, ft, msg, null);
        else error(at, msg);
        argNote(ctx, t, ft);
    }
}
