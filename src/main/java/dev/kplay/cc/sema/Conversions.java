package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.source.Span;
import java.util.List;

/**
 * Conversion as if by assignment (C11 6.5.16.1), gcc's convert_for_assignment: the one check behind
 * initialization, assignment, return and argument passing, whose diagnostics differ only in wording
 * ({@link Ctx}). Split from {@link ExprChecker}, which computes expression types and calls in here;
 * the SSE-register rule (kernel code is built with -mno-sse) is reported from the same place.
 */
abstract class Conversions extends TypeResolver {
    Type rvalue(Expr e) {
        return Types.decay(check(e));
    }

    /** How a value is being converted by assignment: the wording of gcc's messages depends on it. */
    record Ctx(String kind, int argNo, Obj callee, Span calleeSpan, Span paramRange) {
        static final Ctx INIT = new Ctx("init", 0, null, null, null);
        static final Ctx ASSIGN = new Ctx("assign", 0, null, null, null);
        static final Ctx RETURN = new Ctx("return", 0, null, null, null);
    }

    boolean sseReported;

    void reportSse(Span at) {
        if (!sseReported) {
            sseReported = true;
            error(at, "SSE register return with SSE disabled");
        }
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

    /** isErroneous of each compound expression already asked, so a long chain costs linear time. */
    private final java.util.Map<Expr, Boolean> erroneous = new java.util.IdentityHashMap<>();

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
        if (ft instanceof Type.Void && !(Types.unqual(to) instanceof Type.Void)) {
            // convert_for_assignment()'s VOID_TYPE case; an argument was refused already, as an
            // invalid use of a void expression (convert_arguments())
            if (!ctx.kind().equals("arg")) {
                error(ctx.kind().equals("assign") ? at : location(from), "void value not ignored as it ought to be");
            }
            return;
        }
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
            incompatible(t, ft, ctx, at, from);
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
                    incompatiblePointer(t, ft, ctx, at, from);
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
            incompatible(t, ft, ctx, at, from);
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
        incompatible(t, ft, ctx, at, from);
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

    private void incompatiblePointer(Type t, Type ft, Ctx ctx, Span at, Expr from) {
        String msg = switch (ctx.kind()) {
            case "init" -> "initialization of " + qt(t) + " from incompatible pointer type " + qt(ft);
            case "assign" -> "assignment to " + qt(t) + " from incompatible pointer type " + qt(ft);
            case "return" -> "returning " + qt(ft) + " from a function with incompatible return type " + qt(t);
            default -> "passing argument " + ctx.argNo() + " of " + q(calleeName(ctx)) + " from incompatible pointer type";
        };
        if (ctx.kind().equals("arg")) {
            argDiag(Severity.WARNING, at, ft, msg, "incompatible-pointer-types");
        } else {
            // a name a macro put there (module_init's "return initfn;" with a void init) stands where it is spelled
            warningAt(from instanceof Expr.Ident id ? id.token() : null, at, msg, "incompatible-pointer-types");
        }
        argNote(ctx, t, ft);
    }

    /** convert_for_assignment()'s error for types that do not convert; an assignment's is at its right operand. */
    private void incompatible(Type t, Type ft, Ctx ctx, Span at, Expr from) {
        if (ctx.kind().equals("assign")) at = location(from);
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

    Conversions(Diagnostics diags, Typed typed) {
        super(diags, typed);
    }
}
