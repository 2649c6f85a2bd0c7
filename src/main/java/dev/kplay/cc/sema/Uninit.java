package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Initializer;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The obvious cases of gcc's -Wuninitialized / -Wmaybe-uninitialized (which gcc finds by data flow
 * after optimization): a scalar local without initializer that is never assigned, never has its
 * address taken, and is read. A read on the function's straight-line path "is used uninitialized";
 * a read under a condition or in a loop body "may be used uninitialized".
 */
final class Uninit {
    /** The first read of a variable, and whether it is on the unconditional path. */
    record Use(Obj var, Span caret, Span range, boolean definite) {}

    private final Typed typed;
    private final Map<Obj, Use> firstRead = new IdentityHashMap<>();
    private final Map<Obj, Boolean> written = new IdentityHashMap<>();
    private int conditional;

    private Uninit(Typed typed) {
        this.typed = typed;
    }

    /** The uninitialized uses among {@code locals} in {@code body}, in declaration order. */
    static List<Use> find(Typed typed, List<Obj> locals, Stmt body) {
        Uninit u = new Uninit(typed);
        u.stmt(body);
        List<Use> out = new ArrayList<>();
        for (Obj o : locals) {
            if (o.init != null || o.isStatic || o.noUnusedWarning || !Types.isScalar(o.type)) continue;
            if (u.written.containsKey(o)) continue;
            Use use = u.firstRead.get(o);
            if (use != null) out.add(use);
        }
        return out;
    }

    private void stmt(Stmt s) {
        if (s == null) return;
        if (s instanceof Stmt.Block b) {
            for (Stmt i : b.items()) stmt(i);
        } else if (s instanceof Stmt.ExprStmt es) {
            expr(es.expr());
        } else if (s instanceof Stmt.DeclStmt ds && ds.decl() instanceof Decl.Declaration d) {
            for (Decl.InitDeclarator id : d.declarators()) init(id.init());
        } else if (s instanceof Stmt.If i) {
            expr(i.cond());
            conditional++;
            stmt(i.then());
            stmt(i.otherwise());
            conditional--;
        } else if (s instanceof Stmt.While w) {
            expr(w.cond());
            conditional++;
            stmt(w.body());
            conditional--;
        } else if (s instanceof Stmt.DoWhile d) {
            conditional++;
            stmt(d.body());
            expr(d.cond());
            conditional--;
        } else if (s instanceof Stmt.For f) {
            stmt(f.init());
            expr(f.cond());
            conditional++;
            stmt(f.body());
            expr(f.step());
            conditional--;
        } else if (s instanceof Stmt.Switch sw) {
            if (sw.cond() instanceof Expr.Ident id) {
                // the switch reads the variable itself: gcc's warning is at the switch statement
                Span kw = new Span(sw.span().file(), sw.span().start(), sw.span().start() + "switch".length());
                read(var(id), kw, kw);
            } else {
                expr(sw.cond());
            }
            conditional++;
            stmt(sw.body());
            conditional--;
        } else if (s instanceof Stmt.Case c) {
            stmt(c.body());
        } else if (s instanceof Stmt.Default d) {
            stmt(d.body());
        } else if (s instanceof Stmt.Labeled l) {
            conditional++;
            stmt(l.body());
            conditional--;
        } else if (s instanceof Stmt.Return r) {
            expr(r.value());
        } else if (s instanceof Stmt.GotoExpr g) {
            expr(g.target());
        }
    }

    private void init(Initializer i) {
        if (i instanceof Initializer.Single s) {
            expr(s.expr());
        } else if (i instanceof Initializer.List_ l) {
            for (Initializer.Item it : l.items()) init(it.init());
        }
    }

    private Obj var(Expr e) {
        return e instanceof Expr.Ident id ? typed.refs.get(id) : null;
    }

    private void read(Obj o, Span caret, Span range) {
        if (o == null || o.kind != Obj.Kind.VAR || o.fileScope || o.isParam) return;
        firstRead.putIfAbsent(o, new Use(o, caret, range, conditional == 0));
    }

    private void expr(Expr e) {
        if (e == null) return;
        if (e instanceof Expr.Ident id) {
            read(var(id), id.span(), id.span());
        } else if (e instanceof Expr.Assign a) {
            Obj t = var(a.target());
            expr(a.value());
            if (t != null) {
                if (a.op().equals("=")) written.put(t, true);
                else read(t, a.opSpan(), a.span());
            } else {
                expr(a.target());
            }
        } else if (e instanceof Expr.Unary u) {
            Obj t = var(u.operand());
            if (u.op().equals("&") && t != null) {
                written.put(t, true);
            } else if (u.op().equals("&") && u.operand() instanceof Expr.Member || u.op().equals("&") && u.operand() instanceof Expr.Index) {
                escape(u.operand());
            } else {
                expr(u.operand());
            }
        } else if (e instanceof Expr.Binary b) {
            expr(b.left());
            if (b.op().equals("&&") || b.op().equals("||")) conditional++;
            expr(b.right());
            if (b.op().equals("&&") || b.op().equals("||")) conditional--;
        } else if (e instanceof Expr.Cond c) {
            expr(c.cond());
            conditional++;
            expr(c.then());
            expr(c.otherwise());
            conditional--;
        } else if (e instanceof Expr.Call c) {
            expr(c.callee());
            for (Expr a : c.args()) expr(a);
        } else if (e instanceof Expr.Index ix) {
            expr(ix.base());
            expr(ix.index());
        } else if (e instanceof Expr.Member m) {
            expr(m.base());
        } else if (e instanceof Expr.Cast c) {
            expr(c.operand());
        } else if (e instanceof Expr.SizeofExpr) {
            // not evaluated
        } else if (e instanceof Expr.CompoundLit c) {
            init(c.init());
        } else if (e instanceof Expr.StmtExpr s) {
            stmt(s.body());
        } else if (e instanceof Expr.VaArg v) {
            escape(v.ap());
        } else if (e instanceof Expr.Generic g) {
            expr(typed.generic.get(g));
        }
    }

    /** Marks every variable named in an lvalue as written (its address escapes). */
    private void escape(Expr e) {
        if (e instanceof Expr.Ident id) {
            Obj o = var(id);
            if (o != null) written.put(o, true);
        } else if (e instanceof Expr.Member m) {
            escape(m.base());
        } else if (e instanceof Expr.Index ix) {
            escape(ix.base());
            expr(ix.index());
        } else {
            expr(e);
        }
    }
}
