package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a switch's cases fall through, as gcc's -Wimplicit-fallthrough finds them (gimplify.cc,
 * collect_fallthrough_labels and warn_implicit_fallthrough_r): the body is read as a flat list of
 * labels and statements, and a label preceded by a statement that can complete normally (see
 * {@link Flow}) is a site, unless that statement is {@code __attribute__((fallthrough));}. gcc
 * points the warning at the innermost last statement before the label, at the operator of an
 * assignment or binary expression, at the '(' of an if, and the note "here" at the label keyword.
 *
 * <p>Split from {@link Checker}: finding the sites and their locations is pure tree walking; the
 * checker only decides when the warning is reported (gcc's gimplifier, after the front end).
 */
final class Fallthrough {
    private Fallthrough() {}

    /** A statement that may fall through into the case or default label after it. */
    record Site(Stmt from, Stmt label) {
        /** gcc's location of the warning: {range, caret}. */
        Span[] location() {
            return Fallthrough.location(from);
        }

        /** The call a macro wrote that the statement ends in, or null (see macroCall). */
        dev.kplay.cc.lex.Token macroCall() {
            return Fallthrough.macroCall(leaf(from));
        }

        /** The label's keyword ("case" or "default"), where the note "here" points. */
        Span keyword() {
            Span s = label.span();
            return new Span(s.file(), s.start(), s.start() + (label instanceof Stmt.Case ? 4 : 7));
        }
    }

    /** The fall-through sites of sw, in source order. */
    static List<Site> sites(Checker ch, Stmt.Switch sw) {
        List<Site> sites = new ArrayList<>();
        if (!(sw.body() instanceof Stmt.Block b)) return sites;
        List<Stmt> flat = new ArrayList<>();
        for (Stmt s : b.items()) flattenLabels(s, flat);
        Stmt last = null;
        for (Stmt s : flat) {
            boolean label = s instanceof Stmt.Case || s instanceof Stmt.Default;
            if (label) {
                if (last != null && !(last instanceof Stmt.Fallthrough) && Flow.fallsThrough(ch, last)) {
                    sites.add(new Site(leaf(last), s));
                }
                last = null;
            } else {
                last = s;
            }
        }
        return sites;
    }

    /** Case and default labels as separate items: [case 1:, stmt, case 2:, stmt...]. */
    private static void flattenLabels(Stmt s, List<Stmt> out) {
        if (s instanceof Stmt.Case c) {
            out.add(c);
            flattenLabels(c.body(), out);
        } else if (s instanceof Stmt.Default d) {
            out.add(d);
            flattenLabels(d.body(), out);
        } else if (!(s instanceof Stmt.ExprStmt es && es.expr() == null && es.span().end() - es.span().start() <= 1)) {
            out.add(s);
        }
    }

    /** The innermost last statement, where gcc points "this statement may fall through". */
    private static Stmt leaf(Stmt s) {
        if (s instanceof Stmt.Block b && !b.items().isEmpty()) return leaf(b.items().get(b.items().size() - 1));
        if (s instanceof Stmt.Labeled l) return leaf(l.body());
        return s;
    }

    /**
     * The callee token of the call a statement comes down to when macros wrote it (pr_info(...) is a
     * statement expression whose last statement calls _printk): gcc's gimplifier sees that call last
     * and reports at it, with the expansions it came through. Null when there is none.
     */
    static dev.kplay.cc.lex.Token macroCall(Stmt s) {
        if (!(s instanceof Stmt.ExprStmt es) || es.expr() == null) return null;
        Expr e = es.expr();
        if (e instanceof Expr.StmtExpr se) return macroCall(leaf(se.body()));
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Ident id && id.token() != null
                && id.token().virt() != null) {
            return id.token();
        }
        return null;
    }

    /** gcc's location of a statement: {range, caret}. */
    private static Span[] location(Stmt s) {
        if (s instanceof Stmt.ExprStmt es && es.expr() != null) {
            Expr e = es.expr();
            if (e instanceof Expr.Assign a) return new Span[] {a.span(), a.opSpan()};
            if (e instanceof Expr.Binary b) return new Span[] {b.span(), b.opSpan()};
            return new Span[] {e.span(), e.span()};
        }
        if (s instanceof Stmt.If i) {
            Span c = i.cond().span();
            Span paren = new Span(c.file(), Math.max(0, c.start() - 1), c.start());
            return new Span[] {paren, paren};
        }
        return new Span[] {s.span(), s.span()};
    }
}
