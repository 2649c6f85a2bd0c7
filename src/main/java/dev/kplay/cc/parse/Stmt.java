package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/** C statements, one record per kind; declarations inside blocks are {@link DeclStmt}s. */
public sealed interface Stmt {
    Span span();

    /** {@code { items }}; {@code close} is the closing brace (gcc reports function-end diagnostics there). */
    /** {@code unterminated}: the input ended before its closing brace. */
    record Block(Span span, List<Stmt> items, Span close, boolean unterminated) implements Stmt {}

    /** An expression statement; {@code expr} is null for the empty statement ";". */
    record ExprStmt(Span span, Expr expr) implements Stmt {}

    record DeclStmt(Span span, Decl decl) implements Stmt {}

    record If(Span span, Expr cond, Stmt then, Stmt otherwise) implements Stmt {}

    record While(Span span, Expr cond, Stmt body) implements Stmt {}

    record DoWhile(Span span, Stmt body, Expr cond) implements Stmt {}

    /** {@code for (init; cond; step) body}; init is a DeclStmt, an ExprStmt or null. */
    record For(Span span, Stmt init, Expr cond, Expr step, Stmt body) implements Stmt {}

    record Switch(Span span, Expr cond, Stmt body) implements Stmt {}

    /** {@code case lo:} or the GNU range {@code case lo ... hi:} ({@code hi} null otherwise). */
    record Case(Span span, Expr lo, Expr hi, Stmt body) implements Stmt {}

    record Default(Span span, Stmt body) implements Stmt {}

    record Break(Span span) implements Stmt {}

    record Continue(Span span) implements Stmt {}

    record Return(Span span, Expr value) implements Stmt {}

    record Goto(Span span, String label) implements Stmt {}

    /** GNU computed goto {@code goto *expr;}. */
    record GotoExpr(Span span, Expr target) implements Stmt {}

    record Labeled(Span span, String label, Stmt body) implements Stmt {}

    /** An accepted inline asm statement (only compiler barriers are accepted): does nothing. */
    record Asm(Span span) implements Stmt {}

    /** {@code __attribute__((fallthrough));}: a null statement that says a case falls through on purpose. */
    record Fallthrough(Span span) implements Stmt {}
}
