package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Declarator;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic checker: declarations, function bodies and statements, in the order gcc's C front
 * end meets them, so diagnostics come out in gcc's order. Call {@link #external} for each external
 * declaration as the parser produces it, then {@link #finish} once: that reports what gcc reports
 * after the front end (control reaching the end of a non-void function, unused static definitions).
 */
public final class Checker extends Declarations {
    /** Diagnostics gcc's middle end reports after the front end, per function in order. */
    private final List<Runnable> middleEnd = new ArrayList<>();
    /** -Wunused-result: gcc's gimplifier reports it, before any function's return-type check. */
    private final List<Runnable> gimplify = new ArrayList<>();
    /** -Wuninitialized and friends: gcc's optimizers report them after every function's return-type check. */
    private final List<Runnable> optimizer = new ArrayList<>();
    // per function
    private Map<String, Span> labelsDefined;
    private Map<String, Span> labelsUsed;
    private boolean sawReturnValue;
    private int loopDepth;
    private final Deque<List<Stmt>> switches = new ArrayDeque<>();
    private Map<Stmt.Switch, List<Stmt>> cases;

    public Checker(Diagnostics diags) {
        super(diags, new Typed());
    }

    public Typed typed() { return typed; }

    /** The preprocessor's macros, which gcc's "did you mean" also offers (see Spelling). */
    public void macros(Iterable<String> names) {
        macroNames = names;
    }

    public boolean hadErrors() { return errors > 0; }

    @Override
    void afterOptimising(Runnable r) {
        optimizer.add(r);
    }

    // ---- external declarations ---------------------------------------------------------------

    /** Checks one external declaration. */
    public void external(Decl d) {
        if (d instanceof Decl.FunctionDef f) {
            function(f);   // the parser already set the "In function" context for its body
            return;
        }
        diags.enterFunction(null);
        if (d instanceof Decl.Declaration decl) {
            declaration(decl);
        } else if (d instanceof Decl.StaticAssert sa) {
            staticAssert(sa);
        }
    }

    // ---- functions ---------------------------------------------------------------------------

    private void function(Decl.FunctionDef fd) {
        Declarator dr = fd.declarator();
        Type t = declaratorType(baseType(fd.specs()), dr);
        Span at = dr.nameSpan() != null ? dr.nameSpan() : dr.span();
        List<Attribute> attrs = attrsOf(fd.specs(), dr, List.of());
        diags.enterFunction(null);
        Obj fn = declareFunction(dr.name(), t, fd.specs(), attrs, at);
        paramSpans(fn, dr);
        if (fn.defined) {
            error(at, "redefinition of " + q(dr.name()));
            note(fn.span, "previous definition of " + q(dr.name()) + " with type " + qt(fn.type));
        }
        fn.defined = true;
        fn.def = fd;
        fn.span = at;
        diags.enterFunction(dr.name());
        Type.Func ft = (Type.Func) t;
        diags.enterFunction(dr.name());
        function = fn;
        returnType = ft.ret();
        functionLocals = new ArrayList<>();
        undeclaredInFunction.clear();
        sseReported = false;
        labelsDefined = new LinkedHashMap<>();
        labelsUsed = new LinkedHashMap<>();
        sawReturnValue = false;
        loopDepth = 0;
        cases = new IdentityHashMap<>();
        if (ft.ret() instanceof Type.Float) reportSse(at);
        pushScope();
        List<Obj> params = new ArrayList<>();
        Declarator.Function fder = (Declarator.Function) dr.derivations().get(0);
        for (int i = 0; i < fder.params().size(); i++) {
            Declarator.Param p = fder.params().get(i);
            Type pt = ft.params().get(i);
            String name = p.declarator().name();
            Span ps = p.declarator().nameSpan() != null ? p.declarator().nameSpan() : p.span();
            if (name == null) {
                if (!(pt instanceof Type.Void)) error(p.span(), "parameter name omitted");
                name = "";
            }
            Obj o = new Obj(name, Obj.Kind.VAR, pt, ps);
            o.isParam = true;
            o.attrs.addAll(p.specs().attrs());
            o.attrs.addAll(p.declarator().attrs());
            if (!name.isEmpty()) {
                if (scope.names.containsKey(name)) error(ps, "redefinition of parameter " + q(name));
                scope.add(o);
            }
            typed.declared.put(p, o);
            params.add(o);
        }
        functionParams = params;
        block(fd.body(), false);
        popScope();
        diags.emissionPoint(fd.body().close());
        for (Map.Entry<String, Span> e : labelsUsed.entrySet()) {
            if (!labelsDefined.containsKey(e.getKey())) error(e.getValue(), "label " + q(e.getKey()) + " used but not defined");
        }
        for (Map.Entry<String, Span> e : labelsDefined.entrySet()) {
            if (!labelsUsed.containsKey(e.getKey())) warning(e.getValue(), "label " + q(e.getKey()) + " defined but not used", "unused-label");
        }
        if (!(ft.ret() instanceof Type.Void) && !dr.name().equals("main")) {
            if (!sawReturnValue && fn.isStatic && Flow.fallsThrough(this, fd.body())) {
                warning(fd.body().close(), "no return statement in function returning non-void", "return-type");
            } else if (!(fd.nested() && fd.body().unterminated()) && Flow.fallsThrough(this, fd.body())) {
                // (recorded: a body the input ended in that defines a nested function, as a missing '}'
                // before module_init makes one, gets no "control reaches end" from gcc; eof.c's does)
                Span close = fd.body().close();
                middleEnd.add(() -> {
                    diags.enterFunction(dr.name());
                    warning(close, "control reaches end of non-void function", "return-type");
                });
            }
        }
        for (Uninit.Use u : Uninit.find(typed, functionLocals, fd.body())) {
            optimizer.add(() -> {
                if (hardErrors > 0) return;   // gcc's optimizers, which find these, do not run after errors
                diags.enterFunction(dr.name());
                String msg = q(u.var().name) + (u.definite() ? " is used uninitialized" : " may be used uninitialized");
                Severity used = diags.report(Severity.WARNING, u.range(), u.caret(), msg,
                    u.definite() ? "uninitialized" : "maybe-uninitialized");
                if (used == Severity.ERROR) errors++;
                note(u.var().span, q(u.var().name) + " was declared here");
            });
        }
        diags.emissionPoint(null);
        diags.release();
        typed.functions.add(new Typed.FunctionInfo(fn, fd, params, functionLocals, cases));
        function = null;
        functionLocals = null;
        diags.enterFunction(null);
    }

    /** Pops a scope, warning about its unused variables last-declared first, as gcc's pop_scope does. */
    private void popScope() {
        popScope(null);
    }

    private void popScope(Span close) {
        diags.emissionPoint(close);
        Scope s = popScopeRaw();
        for (int i = s.order.size() - 1; i >= 0; i--) {
            Obj o = s.order.get(i);
            if (o.kind != Obj.Kind.VAR || o.isParam || o.used || o.fileScope || o.noUnusedWarning || o.isExtern) continue;
            if (o.attr("unused") != null || o.attr("used") != null) continue;
            warning(o.span, "unused variable " + q(o.name), "unused-variable");
        }
        diags.emissionPoint(null);
    }

    /** Reports what gcc reports after the front end; call once after the last external declaration. */
    public void finish() {
        diags.enterFunction(null);
        finishGlobals();
        for (Runnable r : gimplify) r.run();
        for (Runnable r : middleEnd) r.run();
        diags.enterFunction(null);
        List<Obj> globals = typed.globals;
        for (int i = globals.size() - 1; i >= 0; i--) {
            Obj o = globals.get(i);
            if (!o.isStatic || o.used || o.noUnusedWarning || o.attr("unused") != null || o.attr("used") != null) continue;
            if (o.kind == Obj.Kind.FUNC) {
                if (o.defined && !o.inline) warning(o.span, q(o.name) + " defined but not used", "unused-function");
            } else if (o.kind == Obj.Kind.VAR && (o.type.quals() & Type.CONST) == 0) {
                warning(o.span, q(o.name) + " defined but not used", "unused-variable");
            }
        }
        for (Obj o : globals) {
            if (o.kind == Obj.Kind.FUNC && o.isStatic && !o.defined && o.used) {
                warning(o.span, q(o.name) + " used but never defined", null);
            }
        }
        checkAliases();
        for (Runnable r : optimizer) r.run();
    }

    // ---- statements --------------------------------------------------------------------------

    @Override
    Type checkStmtExpr(Stmt.Block body) {
        if (function == null) {
            error(body.span(), "braced-group within expression allowed only inside a function");
            return Type.INT;
        }
        pushScope();
        Type result = Type.VOID;
        List<Stmt> items = body.items();
        for (int i = 0; i < items.size(); i++) {
            Stmt s = items.get(i);
            if (i == items.size() - 1 && s instanceof Stmt.ExprStmt es && es.expr() != null) {
                result = rvalue(es.expr());
            } else {
                statement(s);
            }
        }
        popScope();
        return result;
    }

    private void block(Stmt.Block b, boolean newScope) {
        pushScope();
        for (Stmt s : b.items()) {
            statement(s);
        }
        popScope(b.close());
    }

    private void condition(Expr e) {
        if (e instanceof Expr.Assign a && a.op().equals("=") && a.span().start() == a.target().span().start()) {
            check(e);
            warning(a.target().span(), "suggest parentheses around assignment used as truth value", "parentheses");
        }
        Type t = rvalue(e);
        if (!Types.isScalar(t) && !(t instanceof Type.Void && false)) {
            error(e.span(), "used " + (t instanceof Type.Struct s && s.tag().union ? "union" : "struct") + " type value where scalar is required");
        }
    }

    void statement(Stmt s) {
        if (s instanceof Stmt.Block b) {
            block(b, true);
        } else if (s instanceof Stmt.ExprStmt es) {
            if (es.expr() != null) {
                check(es.expr());
                noEffect(es.expr());
                unusedResult(es.expr());
            }
        } else if (s instanceof Stmt.DeclStmt ds) {
            if (ds.decl() instanceof Decl.Declaration d) declaration(d);
            else if (ds.decl() instanceof Decl.StaticAssert sa) staticAssert(sa);
        } else if (s instanceof Stmt.If i) {
            condition(i.cond());
            guards.add(i.cond());
            guardSenses.add(true);
            statement(i.then());
            guardSenses.set(guardSenses.size() - 1, false);
            if (i.otherwise() != null) statement(i.otherwise());
            guards.remove(guards.size() - 1);
            guardSenses.remove(guardSenses.size() - 1);
        } else if (s instanceof Stmt.While w) {
            condition(w.cond());
            loop(w.body());
        } else if (s instanceof Stmt.DoWhile dw) {
            loop(dw.body());
            condition(dw.cond());
        } else if (s instanceof Stmt.For f) {
            pushScope();
            if (f.init() != null) statement(f.init());
            if (f.cond() != null) condition(f.cond());
            if (f.step() != null) check(f.step());
            loop(f.body());
            popScope();
        } else if (s instanceof Stmt.Switch sw) {
            Type t = rvalue(sw.cond());
            if (!Types.isInteger(t)) error(sw.cond().span(), "switch quantity not an integer");
            List<Stmt> list = new ArrayList<>();
            cases.put(sw, list);
            switches.push(list);
            loopDepth += 1000;
            statement(sw.body());
            loopDepth -= 1000;
            switches.pop();
            checkDuplicateCases(list);
            fallthrough(sw);
        } else if (s instanceof Stmt.Case c) {
            check(c.lo());
            Long lo = consts.intValue(c.lo());
            if (lo == null) error(c.lo().span(), "case label does not reduce to an integer constant");
            else typed.constants.put(c.lo(), lo);
            if (c.hi() != null) {
                check(c.hi());
                Long hi = consts.intValue(c.hi());
                if (hi == null) error(c.hi().span(), "case label does not reduce to an integer constant");
                else typed.constants.put(c.hi(), hi);
            }
            if (switches.isEmpty()) error(c.span(), "case label not within a switch statement");
            else switches.peek().add(c);
            statement(c.body());
        } else if (s instanceof Stmt.Default d) {
            if (switches.isEmpty()) {
                error(d.span(), "‘default’ label not within a switch statement");
            } else {
                for (Stmt prev : switches.peek()) {
                    if (prev instanceof Stmt.Default pd) {
                        error(d.span(), "multiple default labels in one switch");
                        note(pd.span(), "this is the first default label");
                    }
                }
                switches.peek().add(d);
            }
            statement(d.body());
        } else if (s instanceof Stmt.Break b) {
            if (loopDepth == 0) error(b.span(), "break statement not within loop or switch");
        } else if (s instanceof Stmt.Continue c) {
            if (loopDepth % 1000 == 0) error(c.span(), "continue statement not within a loop");
        } else if (s instanceof Stmt.Return r) {
            returnStmt(r);
        } else if (s instanceof Stmt.Goto g) {
            labelsUsed.putIfAbsent(g.label(), g.span());
        } else if (s instanceof Stmt.GotoExpr g) {
            rvalue(g.target());
        } else if (s instanceof Stmt.Labeled l) {
            if (labelsDefined.containsKey(l.label())) {
                error(l.span(), "duplicate label " + q(l.label()));
                note(labelsDefined.get(l.label()), "previous definition of " + q(l.label()) + " was here");
            } else {
                labelsDefined.put(l.label(), l.span());
            }
            statement(l.body());
        }
    }

    /**
     * -Wimplicit-fallthrough=5 (the kernel's level): each place where a case runs into the next
     * label (see {@link Fallthrough}), reported when gcc's gimplifier would report it.
     */
    private void fallthrough(Stmt.Switch sw) {
        for (Fallthrough.Site site : Fallthrough.sites(this, sw)) {
            String fn = function.name;
            gimplify.add(() -> {
                diags.enterFunction(fn);
                dev.kplay.cc.lex.Token call = site.macroCall();
                if (call != null) {
                    Span point = new Span(call.span().file(), call.span().start(), call.span().start());  // a caret, no range
                    if (diags.reportAt(Severity.WARNING, point, call.virt(), "this statement may fall through",
                            "implicit-fallthrough=") == Severity.ERROR) {
                        errors++;
                    }
                } else {
                    Span[] at = site.location();
                    warning(at[0], at[1], "this statement may fall through", "implicit-fallthrough=");
                }
                note(site.keyword(), "here");
            });
        }
    }

    /** warning() with the range and the caret apart (gcc's "~~^~~"). */
    private void warning(Span range, Span caret, String msg, String option) {
        if (diags.report(Severity.WARNING, range, caret, msg, option) == Severity.ERROR) errors++;
    }

    private void loop(Stmt body) {
        loopDepth++;
        statement(body);
        loopDepth--;
    }

    private void checkDuplicateCases(List<Stmt> list) {
        Map<Long, Span> seen = new HashMap<>();
        for (Stmt s : list) {
            if (!(s instanceof Stmt.Case c)) continue;
            Long lo = typed.constants.get(c.lo());
            if (lo == null) continue;
            Long hi = c.hi() == null ? lo : typed.constants.get(c.hi());
            if (hi == null || hi - lo > 4096) continue;
            for (long v = lo; v <= hi; v++) {
                Span prev = seen.putIfAbsent(v, c.span());
                if (prev != null) {
                    error(c.lo().span(), "duplicate case value");
                    note(prev, "previously used here");
                    break;
                }
            }
        }
    }

    /** Returns whose value had errors: gcc drops them, so for flow analysis they are not there. */
    final java.util.Set<Stmt.Return> erroneousReturns = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private void returnStmt(Stmt.Return r) {
        int before = hardErrors;
        returnCheck(r);
        if (hardErrors > before) erroneousReturns.add(r);
    }

    private void returnCheck(Stmt.Return r) {
        Span kw = new Span(r.span().file(), r.span().start(), r.span().start() + 6);
        sawReturnValue = true;
        if (r.value() == null) {
            if (!(returnType instanceof Type.Void)) {
                warning(kw, "‘return’ with no value, in function returning non-void", "return-type");
                note(function.span, "declared here");
            }
            return;
        }
        Type t = rvalue(r.value());
        if (returnType instanceof Type.Void) {
            if (!(t instanceof Type.Void)) {
                warning(r.value().span(), "‘return’ with a value, in function returning void", "return-type");
                note(function.span, "declared here");
            }
            return;
        }
        sawReturnValue = true;
        if (t instanceof Type.Void) {
            error(r.value().span(), "void value not ignored as it ought to be");
            return;
        }
        convertCheck(returnType, r.value(), t, Ctx.RETURN, r.value().span());
    }

    /** -Wunused-result: a call to a warn_unused_result function whose value is dropped, even through (void). */
    private void unusedResult(Expr e) {
        Expr inner = e;
        while (inner instanceof Expr.Cast c) inner = c.operand();
        if (!(inner instanceof Expr.Call call) || !(call.callee() instanceof Expr.Ident id)) return;
        Obj fn = typed.refs.get(id);
        if (fn == null || fn.attr("warn_unused_result") == null) return;
        String name = function.name;
        gimplify.add(() -> {
            diags.enterFunction(name);
            warning(call.span(), call.span(),
                "ignoring return value of " + q(fn.name) + " declared with attribute ‘warn_unused_result’", "unused-result");
        });
    }

    private void noEffect(Expr e) {
        if (e instanceof Expr.Ident id && typed.refs.get(id) != null && typed.refs.get(id).erroneous) {
            return;                     // an undeclared name is gcc's error_mark: nothing more is said of it
        }
        boolean pure = e instanceof Expr.Ident || e instanceof Expr.IntLit
            || e instanceof Expr.Binary b && !b.op().equals(",") && !b.op().equals("&&") && !b.op().equals("||")
               && isPure(b.left()) && isPure(b.right());
        if (pure) {
            Span caret = e instanceof Expr.Binary b ? b.opSpan() : e.span();
            warning(e.span(), caret, "statement with no effect", "unused-value");
        }
    }

    private boolean isPure(Expr e) {
        return e instanceof Expr.Ident || e instanceof Expr.IntLit || e instanceof Expr.CharLit;
    }

    /** Reports whether a call never returns: noreturn functions and the trap/unreachable builtins. */
    boolean isNoreturnCall(Expr e) {
        if (!(e instanceof Expr.Call c)) return false;
        String b = typed.builtins.get(c);
        if ("__builtin_unreachable".equals(b) || "__builtin_trap".equals(b)) return true;
        if (c.callee() instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            return o != null && o.noreturn();
        }
        return false;
    }

    /** The severity actually used for a reported warning; kept for callers that need it. */
    Severity warn(Span at, String msg, String option) {
        return diags.report(Severity.WARNING, at, msg, option);
    }
}
