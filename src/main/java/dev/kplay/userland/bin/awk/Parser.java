package dev.kplay.userland.bin.awk;

import dev.kplay.userland.bin.awk.Lexer.Kind;
import dev.kplay.userland.bin.awk.Lexer.SyntaxError;
import dev.kplay.userland.bin.awk.Lexer.Token;
import dev.kplay.userland.bin.awk.Node.Expr;
import dev.kplay.userland.bin.awk.Node.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Recursive descent over POSIX awk's grammar. Precedence, lowest first: ?: and assignment,
 * ||, &&, in, ~ !~, relational, concatenation, + -, * / %, unary ! - +, ^, ++ --, $, grouping.
 * In a print statement's argument list a bare '>' is output redirection, not a comparison.
 */

/** Parses an awk program; throws {@link SyntaxError} with mawk's message. */
final class Parser {
    private final List<Token> toks;
    private int pos;
    private final List<Node.Rule> rules = new ArrayList<>();
    private final Map<String, Node.Function> functions = new LinkedHashMap<>();

    private Parser(List<Token> toks) {
        this.toks = toks;
    }

    static Node.Program parse(String program) {
        Parser p = new Parser(Lexer.tokenize(program));
        p.program();
        return new Node.Program(p.rules, p.functions);
    }

    // ---- tokens ------------------------------------------------------------------------------------

    private Token peek() { return toks.get(pos); }

    private Token next() { return toks.get(pos++); }

    private boolean at(String s) { return peek().is(s); }

    private boolean accept(String s) {
        if (at(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private SyntaxError error(Token t) {
        if (t.kind() == Kind.EOF) {
            return new SyntaxError(t.line(), "syntax error at or near end of file");
        }
        String near = t.kind() == Kind.NEWLINE ? "end of line" : t.kind() == Kind.STRING ? "\"" + t.text() + "\"" : t.text();
        return new SyntaxError(t.line(), "syntax error at or near " + near);
    }

    private void expect(String s) {
        if (!accept(s)) {
            if (s.equals("}") && peek().kind() == Kind.EOF) {
                throw new SyntaxError(peek().line() + 1, "missing } near end of file");
            }
            throw error(peek());
        }
    }

    private void newlines() {
        while (peek().kind() == Kind.NEWLINE) {
            pos++;
        }
    }

    private void terminators() {
        while (peek().kind() == Kind.NEWLINE || at(";")) {
            pos++;
        }
    }

    // ---- program -----------------------------------------------------------------------------------

    /* program : item_list ; item : pattern action | pattern | function NAME ( params ) action */
    private void program() {
        terminators();
        while (peek().kind() != Kind.EOF) {
            if (at("}")) {
                throw new SyntaxError(peek().line(), "extra '}'");
            }
            item();
            terminators();
        }
    }

    private void item() {
        if (accept("function")) {
            Token name = next();
            if (name.kind() != Kind.NAME && name.kind() != Kind.FUNC_NAME) {
                throw error(name);
            }
            expect("(");
            List<String> params = new ArrayList<>();
            while (!at(")")) {
                Token t = next();
                if (t.kind() != Kind.NAME) {
                    throw error(t);
                }
                params.add(t.text());
                if (!accept(",")) {
                    break;
                }
                newlines();
            }
            expect(")");
            newlines();
            functions.put(name.text(), new Node.Function(name.text(), params, block()));
            return;
        }
        if (accept("BEGIN")) {
            newlines();
            rules.add(new Node.Rule("BEGIN", null, null, block()));
            return;
        }
        if (accept("END")) {
            newlines();
            rules.add(new Node.Rule("END", null, null, block()));
            return;
        }
        if (at("{")) {
            rules.add(new Node.Rule("MAIN", null, null, block()));
            return;
        }
        Expr p1 = expr(false);
        Expr p2 = null;
        if (accept(",")) {
            newlines();
            p2 = expr(false);
        }
        Node.Block action = at("{") ? block() : null;
        rules.add(new Node.Rule(p2 != null ? "RANGE" : "MAIN", p1, p2, action));
    }

    private Node.Block block() {
        expect("{");
        List<Stmt> body = new ArrayList<>();
        terminators();
        while (!at("}")) {
            if (peek().kind() == Kind.EOF) {
                throw new SyntaxError(peek().line() + 1, "missing } near end of file");
            }
            body.add(statement());
            terminators();
        }
        pos++;
        return new Node.Block(body);
    }

    // ---- statements --------------------------------------------------------------------------------

    /** A simple statement ends at ';', a newline, or before '}'. */
    private void endSimple() {
        if (accept(";") || peek().kind() == Kind.NEWLINE) {
            return;
        }
        if (at("}") || peek().kind() == Kind.EOF) {
            return;
        }
        throw error(peek());
    }

    private Stmt statement() {
        if (at("{")) {
            return block();
        }
        if (accept("if")) {
            expect("(");
            Expr test = expr(false);
            expect(")");
            newlines();
            Stmt then = at(";") ? emptyStatement() : statement();
            int save = pos;
            terminators();
            if (accept("else")) {
                newlines();
                return new Node.If(test, then, statement());
            }
            pos = save;
            return new Node.If(test, then, null);
        }
        if (accept("while")) {
            expect("(");
            Expr test = expr(false);
            expect(")");
            if (accept(";")) {
                return new Node.While(test, new Node.Block(List.of()));
            }
            newlines();
            return new Node.While(test, statement());
        }
        if (accept("do")) {
            newlines();
            Stmt body = statement();
            terminators();
            expect("while");
            expect("(");
            Expr test = expr(false);
            expect(")");
            endSimple();
            return new Node.Do(body, test);
        }
        if (accept("for")) {
            expect("(");
            if (peek().kind() == Kind.NAME && toks.get(pos + 1).is("in") && toks.get(pos + 2).kind() == Kind.NAME
                    && toks.get(pos + 3).is(")")) {
                String var = next().text();
                pos++;
                String array = next().text();
                pos++;
                newlines();
                return new Node.ForIn(var, array, statement());
            }
            Stmt init = at(";") ? null : new Node.ExprStmt(expr(false));
            expect(";");
            newlines();
            Expr test = at(";") ? null : expr(false);
            expect(";");
            newlines();
            Stmt step = at(")") ? null : new Node.ExprStmt(expr(false));
            expect(")");
            if (accept(";")) {
                return new Node.For(init, test, step, new Node.Block(List.of()));
            }
            newlines();
            return new Node.For(init, test, step, statement());
        }
        if (at(";")) {
            return emptyStatement();
        }
        Stmt s = simpleStatement();
        endSimple();
        return s;
    }

    private Stmt emptyStatement() {
        pos++;
        return new Node.Block(List.of());
    }

    private Stmt simpleStatement() {
        if (accept("next")) {
            return new Node.Next();
        }
        if (accept("exit")) {
            return new Node.Exit(endsStatement() ? null : expr(false));
        }
        if (accept("return")) {
            return new Node.Return(endsStatement() ? null : expr(false));
        }
        if (accept("break")) {
            return new Node.Break();
        }
        if (accept("continue")) {
            return new Node.Continue();
        }
        if (accept("delete")) {
            Token name = next();
            if (name.kind() != Kind.NAME) {
                throw error(name);
            }
            if (accept("[")) {
                List<Expr> subs = exprList();
                expect("]");
                return new Node.Delete(name.text(), subs);
            }
            return new Node.Delete(name.text(), null);
        }
        if (at("print") || at("printf")) {
            boolean formatted = next().text().equals("printf");
            List<Expr> args = new ArrayList<>();
            int save = pos;
            boolean grouped = false;
            if (accept("(")) {
                List<Expr> inner = exprList();
                if (accept(")") && (endsStatement() || at(">") || at(">>") || at("|"))) {
                    args = inner;
                    grouped = true;
                }
            }
            if (!grouped) {
                pos = save;
                if (!endsStatement() && !at(">") && !at(">>") && !at("|")) {
                    args.add(expr(true));
                    while (accept(",")) {
                        newlines();
                        args.add(expr(true));
                    }
                }
            }
            if (formatted && args.isEmpty()) {
                throw error(peek());
            }
            String redirect = null;
            Expr dest = null;
            if (at(">") || at(">>") || at("|")) {
                redirect = next().text();
                dest = concat(true);
            }
            return new Node.Print(formatted, args, redirect, dest);
        }
        return new Node.ExprStmt(expr(false));
    }

    private boolean endsStatement() {
        return at(";") || at("}") || peek().kind() == Kind.NEWLINE || peek().kind() == Kind.EOF;
    }

    // ---- expressions -------------------------------------------------------------------------------

    private List<Expr> exprList() {
        List<Expr> l = new ArrayList<>();
        l.add(expr(false));
        while (accept(",")) {
            newlines();
            l.add(expr(false));
        }
        return l;
    }

    private static boolean isLvalue(Expr e) {
        return e instanceof Node.Var || e instanceof Node.Field || e instanceof Node.Index;
    }

    /* expr : ternary | lvalue assign_op expr */
    private Expr expr(boolean noGt) {
        Expr cond = or(noGt);
        if (accept("?")) {
            newlines();
            Expr a = expr(noGt);
            newlines();
            expect(":");
            newlines();
            return new Node.Cond(cond, a, expr(noGt));
        }
        Token t = peek();
        if (t.kind() == Kind.PUNCT && List.of("=", "+=", "-=", "*=", "/=", "%=", "^=").contains(t.text()) && isLvalue(cond)) {
            pos++;
            newlines();
            return new Node.Assign(cond, t.text(), expr(noGt));
        }
        return cond;
    }

    private Expr or(boolean noGt) {
        Expr l = and(noGt);
        while (accept("||")) {
            newlines();
            l = new Node.Or(l, and(noGt));
        }
        return l;
    }

    private Expr and(boolean noGt) {
        Expr l = in(noGt);
        while (accept("&&")) {
            newlines();
            l = new Node.And(l, in(noGt));
        }
        return l;
    }

    private Expr in(boolean noGt) {
        Expr l = match(noGt);
        while (at("in")) {
            pos++;
            Token name = next();
            if (name.kind() != Kind.NAME) {
                throw error(name);
            }
            l = new Node.In(l instanceof Node.Group g ? g.items() : List.of(l), name.text());
        }
        return l;
    }

    private Expr match(boolean noGt) {
        Expr l = comparison(noGt);
        while (at("~") || at("!~")) {
            boolean neg = next().text().equals("!~");
            l = new Node.Match(l, comparison(noGt), neg);
        }
        return l;
    }

    private Expr comparison(boolean noGt) {
        Expr l = concat(noGt);
        Token t = peek();
        if (t.kind() == Kind.PUNCT && List.of("<", "<=", "==", "!=", ">=").contains(t.text())
                || t.is(">") && !noGt) {
            pos++;
            return new Node.Binary(t.text(), l, concat(noGt));
        }
        return l;
    }

    private boolean startsConcatOperand() {
        Token t = peek();
        return switch (t.kind()) {
            case NUMBER, STRING, ERE, NAME, FUNC_NAME, BUILTIN -> true;
            case PUNCT -> t.is("$") || t.is("(") || t.is("++") || t.is("--");
            default -> false;
        };
    }

    private Expr concat(boolean noGt) {
        Expr l = additive();
        while (startsConcatOperand()) {
            l = new Node.Binary(" ", l, additive());
        }
        return l;
    }

    private Expr additive() {
        Expr l = multiplicative();
        while (at("+") || at("-")) {
            String op = next().text();
            l = new Node.Binary(op, l, multiplicative());
        }
        return l;
    }

    private Expr multiplicative() {
        Expr l = unary();
        while (at("*") || at("/") || at("%")) {
            String op = next().text();
            l = new Node.Binary(op, l, unary());
        }
        return l;
    }

    private Expr unary() {
        if (accept("!")) {
            return new Node.Not(unary());
        }
        if (at("-") || at("+")) {
            String op = next().text();
            return new Node.Neg(op, unary());
        }
        return power();
    }

    private Expr power() {
        Expr base = postfix();
        if (accept("^")) {
            Expr exp = at("-") || at("+") || at("!") ? unary() : power();
            return new Node.Binary("^", base, exp);
        }
        return base;
    }

    private Expr postfix() {
        Expr e = primary();
        if (isLvalue(e) && (at("++") || at("--"))) {
            int d = next().text().equals("++") ? 1 : -1;
            return new Node.IncDec(e, false, d);
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Num(t.number());
            case STRING:
                return new Node.Str(t.text());
            case ERE:
                return new Node.Regex(t.text());
            case FUNC_NAME: {
                expect("(");
                List<Expr> args = at(")") ? new ArrayList<>() : exprList();
                expect(")");
                return new Node.Call(t.text(), args, t.line());
            }
            case BUILTIN: {
                List<Expr> args = new ArrayList<>();
                if (accept("(")) {
                    if (!at(")")) {
                        args = exprList();
                    }
                    expect(")");
                } else if (!t.text().equals("length")) {
                    throw error(peek());
                }
                return new Node.Builtin(t.text(), args);
            }
            case NAME: {
                if (accept("[")) {
                    List<Expr> subs = exprList();
                    expect("]");
                    return new Node.Index(t.text(), subs);
                }
                return new Node.Var(t.text());
            }
            case KEYWORD:
                if (t.is("getline")) {
                    Expr target = peek().kind() == Kind.NAME || at("$") ? primary() : null;
                    Expr file = null;
                    if (accept("<")) {
                        file = primary();
                    }
                    return new Node.Getline(target, file);
                }
                throw error(t);
            case PUNCT:
                if (t.is("$")) {
                    if (at("++") || at("--") || at("-")) {
                        return new Node.Field(unary());
                    }
                    return new Node.Field(primary());
                }
                if (t.is("(")) {
                    Expr e = expr(false);
                    if (at(",")) {
                        List<Expr> items = new ArrayList<>(List.of(e));
                        while (accept(",")) {
                            newlines();
                            items.add(expr(false));
                        }
                        expect(")");
                        if (!at("in")) {
                            throw error(peek());
                        }
                        return new Node.Group(items);
                    }
                    expect(")");
                    return e;
                }
                if (t.is("++") || t.is("--")) {
                    Expr target = primary();
                    if (!isLvalue(target)) {
                        throw error(t);
                    }
                    return new Node.IncDec(target, true, t.is("++") ? 1 : -1);
                }
                if (t.is("-") || t.is("+") || t.is("!")) {
                    pos--;
                    return unary();
                }
                throw error(t);
            default:
                throw error(t);
        }
    }
}
