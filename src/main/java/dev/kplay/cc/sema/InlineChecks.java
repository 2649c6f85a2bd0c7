package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/*
 * What gcc finds in a function it inlines into every caller only once it has inlined it there and
 * folded the constants: FORTIFY_SOURCE's checks (linux/string.h's fortify_memcpy_chk) call
 * functions declared __attribute__((error(msg))) or ((warning(msg))) under conditions on their
 * parameters, and gcc reports each such call that stays after folding ("call to ‘__write_overflow’
 * declared with attribute error: ..."), in the caller's terms ("In function ‘fortify_memcpy_chk’,
 * inlined from ‘init’ at m.c:17:2:"). kplay does not inline: it records those calls with the if
 * conditions around them when it checks the callee, and evaluates the conditions at each call with
 * the call's arguments (and the hidden answers, Typed.Hidden) as the parameters' values. Older
 * headers state such a check directly as __builtin_kplay_error_if(cond, msg) (uaccess.h's
 * check_copy_size); those are evaluated the same way.
 */

/** The compile-time checks of always_inline functions, evaluated at each call. */
final class InlineChecks {
    private InlineChecks() {}

    /** Whether calling {@code callee} is an error or a warning gcc reports where the call stays after optimisation. */
    static boolean reportsCall(Obj callee) {
        return callee.attr("error") != null || callee.attr("warning") != null;
    }

    /** Records a call of such a function in the function being checked, if gcc inlines that one everywhere. */
    static void record(ExprChecker ch, Expr.Call c, Obj target) {
        if (!ch.inlinedEverywhere()) {
            return;
        }
        if (ch.function.attributeCalls == null) ch.function.attributeCalls = new ArrayList<>();
        ch.typed.compileTimeCalls.add(c);
        ch.function.attributeCalls.add(new Typed.GuardedCall(c, target, List.copyOf(ch.guards), List.copyOf(ch.guardSenses)));
    }

    /** The callee's checks at call {@code c}, which gives the hidden questions {@code answers}. */
    static void atCall(ExprChecker ch, Expr.Call c, Obj callee, List<Typed.HiddenArg> answers) {
        List<Obj> params = null;
        for (Typed.FunctionInfo fi : ch.typed.functions) {
            if (fi.fn() == callee) params = fi.params();
        }
        if (callee.callChecks != null) {
            ConstEval eval = new ConstEval(ch.typed, given(ch, c, callee, params, answers, false));
            for (Expr.Call check : callee.callChecks) {
                Long v = eval.intValue(check.args().get(0));
                if (v != null && v != 0) {
                    ch.error(c.span(), Builtins.message(check.args().get(1)));
                }
            }
        }
        if (callee.attributeCalls == null || ch.function == null) {
            return;
        }
        String caller = ch.function.name;
        List<Obj> calleeParams = params;
        // once the whole file is checked: a local's value folds only if nothing writes it anywhere (Obj.written)
        ch.afterOptimising(() -> {
            if (ch.hardErrors > 0) return;   // gcc's middle end, which finds these, does not run after errors
            ConstEval eval = new ConstEval(ch.typed, given(ch, c, callee, calleeParams, answers, true));
            for (Typed.GuardedCall g : callee.attributeCalls) {
                boolean stays = true;
                for (int i = 0; i < g.guards().size() && stays; i++) {
                    Long v = eval.intValue(g.guards().get(i));
                    stays = v != null && (v != 0) == g.senses().get(i);
                }
                if (stays) {
                    report(ch, g, callee, caller, c);
                }
            }
        });
    }

    /** gcc's report of call g, which stays in callee where it is inlined into caller at c. */
    private static void report(ExprChecker ch, Typed.GuardedCall g, Obj callee, String caller, Expr.Call c) {
        boolean error = g.target().attr("error") != null;
        var attr = g.target().attr(error ? "error" : "warning");
        String msg = "call to " + ExprChecker.q(g.target().name) + " declared with attribute " + (error ? "error" : "warning")
                + ": " + (attr.args().isEmpty() ? "" : Builtins.message(attr.args().get(0)));
        Severity used = ch.diags.reportInlined(error ? Severity.ERROR : Severity.WARNING, g.call().span(), g.call().span(), msg,
                error ? null : "attribute-warning", callee.name, caller, expansionPoint(c));
        if (used == Severity.ERROR) {
            ch.errors++;
            ch.hardErrors++;
        }
    }

    /** Where gcc says a call was written: a call a macro made, at the outermost macro's expansion in the file. */
    private static dev.kplay.cc.source.Span expansionPoint(Expr.Call c) {
        if (c.callee() instanceof Expr.Ident id && id.token() != null && id.token().virt() != null) {
            dev.kplay.cc.source.MacroLoc v = id.token().virt();
            while (v.map().pointVirt() != null) {
                v = v.map().pointVirt();
            }
            return v.map().point();
        }
        return c.span();
    }

    /**
     * The values gcc knows inside the callee once it is inlined at c: a hidden builtin's answer, a
     * parameter's argument when that folds to a constant, and __builtin_constant_p of an
     * expression that does; with {@code unwritten}, locals nothing writes fold to their initial values.
     */
    private static Function<Expr, Long> given(ExprChecker ch, Expr.Call c, Obj callee, List<Obj> params,
                                              List<Typed.HiddenArg> answers, boolean unwritten) {
        ConstEval[] self = new ConstEval[1];
        Function<Expr, Long> given = e -> {
            if (e instanceof Expr.Call b && ch.typed.hiddenUses.containsKey(b)) {
                int h = ch.typed.hiddenUses.get(b);
                Typed.Hidden q = callee.hidden != null && h < callee.hidden.size() ? callee.hidden.get(h) : null;
                if (unwritten && q != null && q.kind() == Typed.Hidden.CONSTANT_P && q.param() < c.args().size()
                        && folded(ch, c.args().get(q.param()), 0, true) != null) {
                    return 1L;
                }
                return h < answers.size() ? answers.get(h).value() : null;
            }
            if (e instanceof Expr.Call b && "__builtin_constant_p".equals(ch.typed.builtins.get(b)) && !b.args().isEmpty()) {
                return self[0].intValue(b.args().get(0)) != null ? 1L : 0L;
            }
            if (e instanceof Expr.Ident id && params != null) {
                int i = params.indexOf(ch.typed.refs.get(id));
                return i >= 0 && i < c.args().size() ? folded(ch, c.args().get(i), 0, unwritten) : null;
            }
            return null;
        };
        self[0] = new ConstEval(ch.typed, given);
        return given;
    }

    /**
     * e's value as gcc's optimisers find it: a constant expression, or a const local whose
     * initialiser folds (FORTIFY's macros pass their size through {@code const size_t __fortify_size});
     * with {@code unwritten}, any local nothing writes (Obj.written; memset's {@code size_t __fortify_size}).
     */
    static Long folded(ExprChecker ch, Expr e, int depth, boolean unwritten) {
        Long v = ch.consts.intValue(e);
        if (v != null || depth > 8) {
            return v;
        }
        Expr x = e;
        while (x instanceof Expr.Cast cast) {
            x = cast.operand();
        }
        Obj o = x instanceof Expr.Ident id ? ch.typed.refs.get(id) : null;
        if (o != null && o.kind == Obj.Kind.VAR && !o.fileScope
                && !o.isParam && ((o.type.quals() & Type.CONST) != 0 || unwritten && !o.written)
                && o.init instanceof Initializer.Single s) {
            Long w = folded(ch, s.expr(), depth + 1, unwritten);
            Type t = ch.typed.types.get(e);
            return w == null || t == null || !Types.isInteger(t) ? w : Long.valueOf(ConstEval.normalize(w, t));
        }
        return null;
    }
}
