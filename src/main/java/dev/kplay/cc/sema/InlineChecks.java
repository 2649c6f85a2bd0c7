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
 * the call's arguments (and the hidden answers, Typed.Hidden) as the parameters' values, through
 * every always_inline function in between (check_copy_size in copy_to_user).
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
        ch.function.attributeCalls.add(new Typed.GuardedCall(c, target, List.copyOf(ch.guards), List.copyOf(ch.guardSenses),
                List.of(ch.function), List.of()));
    }

    /** The callee's checks at call {@code c}. */
    static void atCall(ExprChecker ch, Expr.Call c, Obj callee) {
        if (callee.attributeCalls == null || ch.function == null) {
            return;
        }
        Obj caller = ch.function;
        List<Typed.GuardedCall> here = new ArrayList<>();
        for (Typed.GuardedCall g : callee.attributeCalls) {
            List<Expr.Call> sites = new ArrayList<>(g.sites());
            sites.add(c);
            if (ch.inlinedEverywhere()) {
                // gcc decides in the functions this one is inlined into: their calls of it evaluate this
                List<Obj> fns = new ArrayList<>(g.fns());
                fns.add(caller);
                if (caller.attributeCalls == null) caller.attributeCalls = new ArrayList<>();
                caller.attributeCalls.add(new Typed.GuardedCall(g.call(), g.target(), g.guards(), g.senses(), List.copyOf(fns),
                        List.copyOf(sites)));
                continue;
            }
            here.add(g);
        }
        if (here.isEmpty()) {
            return;
        }
        // once the whole file is checked: a local's value folds only if nothing writes it anywhere (Obj.written)
        ch.afterOptimising(() -> {
            if (ch.hardErrors > 0) return;   // gcc's middle end, which finds these, does not run after errors
            for (Typed.GuardedCall g : here) {
                List<Expr.Call> sites = new ArrayList<>(g.sites());
                sites.add(c);
                Chain chain = new Chain(ch, g.fns(), sites);
                boolean stays = true;
                for (int i = 0; i < g.guards().size() && stays; i++) {
                    Long v = chain.eval(0, g.guards().get(i));
                    stays = v != null && (v != 0) == g.senses().get(i);
                }
                if (stays) {
                    report(ch, g, sites, caller);
                }
            }
        });
    }

    /** gcc's report of call g, which stays in g.fns()[0] where that is inlined in turn at sites, the last in caller. */
    private static void report(ExprChecker ch, Typed.GuardedCall g, List<Expr.Call> sites, Obj caller) {
        boolean error = g.target().attr("error") != null;
        var attr = g.target().attr(error ? "error" : "warning");
        String msg = "call to " + ExprChecker.q(g.target().name) + " declared with attribute " + (error ? "error" : "warning")
                + ": " + (attr.args().isEmpty() ? "" : Builtins.message(attr.args().get(0)));
        List<String> names = new ArrayList<>();
        for (Obj f : g.fns()) {
            names.add(f.name);
        }
        names.add(caller.name);
        List<dev.kplay.cc.source.Span> at = new ArrayList<>();
        for (Expr.Call site : sites) {
            at.add(expansionPoint(site));
        }
        // gcc also inlines a function called once into its caller, and names that one too
        java.util.Map<Obj, Integer> references = ch.typed.referenceCounts();
        java.util.Set<Obj> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Obj f = caller; ch.typed.calledOnce(f, references) && seen.add(f); ) {
            Typed.CallSite once = ch.typed.lastCall.get(f);
            if (once == null || once.caller() == null) break;
            names.add(once.caller().name);
            at.add(expansionPoint(once.call()));
            f = once.caller();
        }
        Severity used = ch.diags.reportInlined(error ? Severity.ERROR : Severity.WARNING, g.call().span(), g.call().span(), msg,
                error ? null : "attribute-warning", names, at);
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
     * What gcc knows inside fns[0] once it is inlined into fns[1] at sites[0], that into fns[2] at
     * sites[1], and so on, the last site in a function of its own: a parameter's value is its
     * argument's at the site, evaluated one level out; a hidden builtin's answer (Typed.Hidden) the
     * site's; __builtin_constant_p of an expression whether it folds; a local's value its
     * initialiser's if nothing writes it (Obj.written: known once the whole file is checked).
     */
    private static final class Chain {
        /** Functions whose value for a string literal is its length: strlen() and FORTIFY's own (linux/string.h). */
        private static final java.util.Set<String> STRLEN = java.util.Set.of("__builtin_strlen", "__fortify_strlen", "strlen");

        private final ExprChecker ch;
        private final List<Obj> fns;
        private final List<Expr.Call> sites;
        private final List<List<Obj>> params = new ArrayList<>();
        private final ConstEval[] evals;
        private int depth;

        Chain(ExprChecker ch, List<Obj> fns, List<Expr.Call> sites) {
            this.ch = ch;
            this.fns = fns;
            this.sites = sites;
            for (Obj f : fns) {
                List<Obj> ps = List.of();
                for (Typed.FunctionInfo fi : ch.typed.functions) {
                    if (fi.fn() == f) ps = fi.params();
                }
                params.add(ps);
            }
            evals = new ConstEval[fns.size()];
            for (int k = 0; k < evals.length; k++) {
                int level = k;
                evals[k] = new ConstEval(ch.typed, e -> given(level, e));
            }
        }

        /** e, an expression of fns[k]'s body, as gcc folds it there. */
        Long eval(int k, Expr e) {
            return evals[k].intValue(e);
        }

        /** Argument i of the call of fns[k], folded where the call is. */
        private Long arg(int k, int i) {
            Expr.Call s = sites.get(k);
            if (i >= s.args().size()) return null;
            Expr a = s.args().get(i);
            return k + 1 < fns.size() ? eval(k + 1, a) : folded(ch, a, 0, true);
        }

        /** The string literal e is in fns[k] (a parameter the callers passed one to, down the chain), or null. */
        private Expr literal(int k, Expr e) {
            while (e instanceof Expr.Cast c) {
                e = c.operand();
            }
            if (e instanceof Expr.StrLit) return e;
            Obj o = e instanceof Expr.Ident id ? ch.typed.refs.get(id) : null;
            int i = o == null ? -1 : params.get(k).indexOf(o);
            Expr.Call s = sites.get(k);
            if (i < 0 || i >= s.args().size()) return null;
            return k + 1 < fns.size() ? literal(k + 1, s.args().get(i)) : literal(s.args().get(i));
        }

        private static Expr literal(Expr e) {
            while (e instanceof Expr.Cast c) {
                e = c.operand();
            }
            return e instanceof Expr.StrLit ? e : null;
        }

        /** The answer to hidden question h of fns[k] at its call. */
        private Long hidden(int k, int h) {
            Obj f = fns.get(k);
            Typed.Hidden q = f.hidden != null && h < f.hidden.size() ? f.hidden.get(h) : null;
            if (q == null) return null;
            if (q.kind() == Typed.Hidden.CONSTANT_P) {
                return arg(k, q.param()) != null ? 1L : 0L;
            }
            List<Typed.HiddenArg> given = ch.typed.hiddenArgs.get(sites.get(k));
            Typed.HiddenArg a = given != null && h < given.size() ? given.get(h) : null;
            if (a == null) return null;
            return a.value() != null ? a.value() : k + 1 < fns.size() ? hidden(k + 1, a.forward()) : null;
        }

        private Long given(int k, Expr e) {
            if (depth > 32) return null;   // a local initialised from itself
            depth++;
            try {
                if (e instanceof Expr.Call b && ch.typed.hiddenUses.containsKey(b)) {
                    return hidden(k, ch.typed.hiddenUses.get(b));
                }
                if (e instanceof Expr.Call b && "__builtin_constant_p".equals(ch.typed.builtins.get(b)) && !b.args().isEmpty()) {
                    return eval(k, b.args().get(0)) != null ? 1L : 0L;
                }
                if (e instanceof Expr.Call b && b.callee() instanceof Expr.Ident f && STRLEN.contains(f.name()) && b.args().size() == 1
                        && literal(k, b.args().get(0)) instanceof Expr.StrLit lit) {
                    // the length of a string literal the caller passed (strcpy(buf, "text")), as gcc folds it
                    return ConstEval.literalLength(lit.bytes(), 0);
                }
                Obj o = e instanceof Expr.Ident id ? ch.typed.refs.get(id) : null;
                if (o == null || o.kind != Obj.Kind.VAR) return null;
                int i = params.get(k).indexOf(o);
                if (i >= 0) return arg(k, i);
                if (foldsToInitialiser(o, true)) {
                    Long v = eval(k, ((Initializer.Single) o.init).expr());
                    return v == null || !Types.isInteger(o.type) ? v : Long.valueOf(ConstEval.normalize(v, o.type));
                }
                return null;
            } finally {
                depth--;
            }
        }
    }

    /**
     * Whether gcc's optimisers know local o to hold its initialiser: a const one, or with {@code unwritten}
     * one nothing writes (Obj.written, final once the file is checked).
     */
    private static boolean foldsToInitialiser(Obj o, boolean unwritten) {
        return o.kind == Obj.Kind.VAR && !o.fileScope && !o.isStatic && !o.isParam
                && ((o.type.quals() & Type.CONST) != 0 || unwritten && !o.written) && o.init instanceof Initializer.Single;
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
        if (o != null && foldsToInitialiser(o, unwritten)) {
            Long w = folded(ch, ((Initializer.Single) o.init).expr(), depth + 1, unwritten);
            Type t = ch.typed.types.get(e);
            return w == null || t == null || !Types.isInteger(t) ? w : Long.valueOf(ConstEval.normalize(w, t));
        }
        return null;
    }
}
