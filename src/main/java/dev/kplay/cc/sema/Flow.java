package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;

/**
 * Whether control can reach the end of a statement: the part of gcc's -Wreturn-type analysis that
 * matters for module code (returns, gotos, infinite loops without break, noreturn calls such as
 * BUG(), constant conditions). Conservative: when unsure, it says "falls through".
 */
final class Flow {
    private final Checker ch;

    private Flow(Checker ch) {
        this.ch = ch;
    }

    static boolean fallsThrough(Checker ch, Stmt s) {
        return new Flow(ch).may(s);
    }

    private Long constant(Expr e) {
        if (e == null) return 1L;
        if (e instanceof Expr.Assign a && a.op().equals("=")) return ch.consts.intValue(a.value());
        return ch.consts.intValue(e);
    }

    private boolean may(Stmt s) {
        if (s instanceof Stmt.Block b) {
            boolean reach = true;
            for (Stmt item : b.items()) {
                if (item instanceof Stmt.Labeled || item instanceof Stmt.Case || item instanceof Stmt.Default) reach = true;
                if (reach) reach = may(item);
            }
            return reach;
        }
        if (s instanceof Stmt.ExprStmt es) return es.expr() == null || !ch.isNoreturnCall(es.expr());
        if (s instanceof Stmt.Return r && ch.erroneousReturns.contains(r)) return true;
        if (s instanceof Stmt.Return || s instanceof Stmt.Goto || s instanceof Stmt.GotoExpr
            || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            return false;
        }
        if (s instanceof Stmt.If i) {
            Long c = constant(i.cond());
            if (c != null && c != 0) return may(i.then());
            if (c != null) return i.otherwise() == null || may(i.otherwise());
            return may(i.then()) || i.otherwise() == null || may(i.otherwise());
        }
        if (s instanceof Stmt.While w) {
            Long c = constant(w.cond());
            return c == null || c == 0 || hasBreak(w.body());
        }
        if (s instanceof Stmt.For f) {
            Long c = constant(f.cond());
            return c == null || c == 0 || hasBreak(f.body());
        }
        if (s instanceof Stmt.DoWhile d) {
            Long c = constant(d.cond());
            if (c != null && c != 0) return hasBreak(d.body());
            return may(d.body()) || hasBreak(d.body()) || hasContinue(d.body());
        }
        if (s instanceof Stmt.Switch sw) {
            return hasBreak(sw.body()) || !hasDefault(sw.body()) || may(sw.body());
        }
        if (s instanceof Stmt.Case c) return may(c.body());
        if (s instanceof Stmt.Default d) return may(d.body());
        if (s instanceof Stmt.Labeled l) return may(l.body());
        return true;
    }

    private static boolean hasBreak(Stmt s) {
        if (s instanceof Stmt.Break) return true;
        if (s instanceof Stmt.Block b) {
            for (Stmt i : b.items()) if (hasBreak(i)) return true;
            return false;
        }
        if (s instanceof Stmt.If i) return hasBreak(i.then()) || i.otherwise() != null && hasBreak(i.otherwise());
        if (s instanceof Stmt.Case c) return hasBreak(c.body());
        if (s instanceof Stmt.Default d) return hasBreak(d.body());
        if (s instanceof Stmt.Labeled l) return hasBreak(l.body());
        return false;
    }

    private static boolean hasContinue(Stmt s) {
        if (s instanceof Stmt.Continue) return true;
        if (s instanceof Stmt.Block b) {
            for (Stmt i : b.items()) if (hasContinue(i)) return true;
            return false;
        }
        if (s instanceof Stmt.If i) return hasContinue(i.then()) || i.otherwise() != null && hasContinue(i.otherwise());
        if (s instanceof Stmt.Switch sw) return hasContinue(sw.body());
        if (s instanceof Stmt.Case c) return hasContinue(c.body());
        if (s instanceof Stmt.Default d) return hasContinue(d.body());
        if (s instanceof Stmt.Labeled l) return hasContinue(l.body());
        return false;
    }

    private static boolean hasDefault(Stmt s) {
        if (s instanceof Stmt.Default) return true;
        if (s instanceof Stmt.Block b) {
            for (Stmt i : b.items()) if (hasDefault(i)) return true;
            return false;
        }
        if (s instanceof Stmt.Case c) return hasDefault(c.body());
        if (s instanceof Stmt.Labeled l) return hasDefault(l.body());
        if (s instanceof Stmt.If i) return hasDefault(i.then()) || i.otherwise() != null && hasDefault(i.otherwise());
        return false;
    }
}
