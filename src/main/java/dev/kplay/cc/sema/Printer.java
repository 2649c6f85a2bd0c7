package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;
import java.util.stream.Collectors;

/** Prints an expression back as C, the way gcc quotes expressions in messages ("*p", "s->f"). */
final class Printer {
    private Printer() {}

    static String print(Expr e) {
        if (e instanceof Expr.Ident id) return id.name();
        if (e instanceof Expr.IntLit l) return l.text();
        if (e instanceof Expr.CharLit c) return c.text();
        if (e instanceof Expr.StrLit) return "\"...\"";
        if (e instanceof Expr.Unary u) {
            if (u.op().startsWith("post")) return print(u.operand()) + u.op().substring(4);
            return u.op() + print(u.operand());
        }
        if (e instanceof Expr.Binary b) return print(b.left()) + " " + b.op() + " " + print(b.right());
        if (e instanceof Expr.Assign a) return print(a.target()) + " " + a.op() + " " + print(a.value());
        if (e instanceof Expr.Index ix) return print(ix.base()) + "[" + print(ix.index()) + "]";
        if (e instanceof Expr.Member m) return print(m.base()) + (m.arrow() ? "->" : ".") + m.name();
        if (e instanceof Expr.Call c) {
            return print(c.callee()) + "(" + c.args().stream().map(Printer::print).collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof Expr.Cast c) return "(" + "type" + ")" + print(c.operand());
        return "expression";
    }
}
