package dev.kplay.userland.bin.awk;

import java.util.List;

/*
 * The awk program's syntax tree: one sealed family of records for expressions, one for
 * statements, and the program's rules and functions. The interpreter walks it directly.
 */

/** awk's syntax tree. */
final class Node {
    private Node() {}

    sealed interface Expr permits Num, Str, Regex, Var, Field, Index, Assign, Cond, And, Or, Not, Binary, Match, In,
            Neg, IncDec, Call, Builtin, Group, Getline {}

    record Num(double value) implements Expr {}

    record Str(String value) implements Expr {}

    /** A regular expression literal; as a value it means $0 ~ /re/. */
    record Regex(String source) implements Expr {}

    record Var(String name) implements Expr {}

    record Field(Expr index) implements Expr {}

    record Index(String array, List<Expr> subscripts) implements Expr {}

    /** target op= value; op is "=" or "+=", "-=", ... */
    record Assign(Expr target, String op, Expr value) implements Expr {}

    record Cond(Expr test, Expr then, Expr otherwise) implements Expr {}

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    record Not(Expr operand) implements Expr {}

    /** Arithmetic (+ - * / % ^), comparison (< <= == != > >=) and concatenation (" "). */
    record Binary(String op, Expr left, Expr right) implements Expr {}

    record Match(Expr subject, Expr regex, boolean negated) implements Expr {}

    record In(List<Expr> subscripts, String array) implements Expr {}

    /** Unary minus ('-') or plus ('+'). */
    record Neg(String op, Expr operand) implements Expr {}

    record IncDec(Expr target, boolean prefix, int delta) implements Expr {}

    /** A call of a user-defined function. */
    record Call(String name, List<Expr> args, int line) implements Expr {}

    record Builtin(String name, List<Expr> args) implements Expr {}

    /** (a, b): only meaningful before 'in'. */
    record Group(List<Expr> items) implements Expr {}

    /** getline [var] [&lt; file]: simple getline from the current input or a file. */
    record Getline(Expr target, Expr file) implements Expr {}

    sealed interface Stmt permits Print, ExprStmt, If, While, Do, For, ForIn, Block, Next, Exit, Return, Break,
            Continue, Delete {}

    /** print/printf args [&gt; or &gt;&gt; dest]; redirect null for stdout. */
    record Print(boolean formatted, List<Expr> args, String redirect, Expr dest) implements Stmt {}

    record ExprStmt(Expr expr) implements Stmt {}

    record If(Expr test, Stmt then, Stmt otherwise) implements Stmt {}

    record While(Expr test, Stmt body) implements Stmt {}

    record Do(Stmt body, Expr test) implements Stmt {}

    record For(Stmt init, Expr test, Stmt step, Stmt body) implements Stmt {}

    record ForIn(String var, String array, Stmt body) implements Stmt {}

    record Block(List<Stmt> body) implements Stmt {}

    record Next() implements Stmt {}

    record Exit(Expr status) implements Stmt {}

    record Return(Expr value) implements Stmt {}

    record Break() implements Stmt {}

    record Continue() implements Stmt {}

    /** delete a[subs], or delete a (subscripts null). */
    record Delete(String array, List<Expr> subscripts) implements Stmt {}

    /** pattern { action }: kind BEGIN, END, MAIN (pattern may be null) or RANGE (pattern, pattern2). */
    record Rule(String kind, Expr pattern, Expr pattern2, Block action) {}

    record Function(String name, List<String> params, Block body) {}

    record Program(List<Rule> rules, java.util.Map<String, Function> functions) {}
}
