package dev.kplay.cc.parse;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The recursive-descent parser for a translation unit: statements and external declarations on top
 * of {@link DeclParser} and {@link ExprParser}.
 *
 * <p>It hands out one external declaration at a time ({@link #nextExternal()}) so the compiler can
 * check each function as soon as it is parsed: gcc interleaves syntax errors and semantic
 * diagnostics function by function, and the order of diagnostics is part of what users see.
 * Before parsing a function body it tells {@link Diagnostics} which function it is in, so a syntax
 * error inside is printed under "In function ‘f’:".
 */
public final class Parser extends DeclParser {

    public Parser(List<Token> tokens, Diagnostics diags) {
        super(tokens, diags);
    }

    /** Parses a whole translation unit (tests, tools). */
    public static List<Decl> parseAll(List<Token> tokens, Diagnostics diags) {
        Parser p = new Parser(tokens, diags);
        List<Decl> out = new ArrayList<>();
        for (Decl d; (d = p.nextExternal()) != null; ) {
            out.add(d);
            diags.release();   // no checker here to release the function's held diagnostics
        }
        diags.release();
        return out;
    }

    /** A nested function definition: where it starts, in which function. */
    public record Nested(Span at, String in) {}

    /** The nested function definitions (kplay refuses them after the rest is checked). */
    public final List<Nested> nestedFunctions = new ArrayList<>();

    /** True if any syntax error was reported. */
    public boolean hadErrors() { return errorCount > 0; }

    // translation-unit = external-declaration*
    // external-declaration = function-definition | declaration | static-assert | ";" | asm-statement
    /** The next external declaration, or null at the end of input. */
    public Decl nextExternal() {
        while (!atEof()) {
            diags.enterFunction(null);
            reachParse(peek().where(), true);
            int start = pos;
            try {
                if (accept(";")) continue;
                if (at("_Static_assert")) return parseStaticAssert();
                if (at("asm")) {
                    parseAsm();
                    continue;
                }
                Decl d = parseDeclaration(true);
                if (d != null) return d;
            } catch (SyntaxError e) {
                skipToEndOfStatement();
                if (at("}")) next();
            }
            if (pos == start) next();
        }
        return null;
    }

    // declaration = declaration-specifiers (init-declarator ("," init-declarator)*)? ";"
    // init-declarator = declarator ("asm" "(" string ")")? attribute* ("=" initializer)?
    // function-definition = declaration-specifiers declarator attribute* compound-statement
    private Decl parseDeclaration(boolean topLevel) {
        Span start = here();
        if (at("__extension__")) next();
        Decl.DeclSpecs specs = parseDeclSpecs();
        boolean noSpecs = specs.type() instanceof TypeSpec.Basic b && b.words().isEmpty()
            && specs.storage() == Decl.Storage.NONE && specs.quals() == 0 && !specs.inline() && specs.attrs().isEmpty();
        if (noSpecs && topLevel) {
            if (peek().kind() == TokenKind.IDENT && peek(1).kind() == TokenKind.IDENT) {
                report(here(), "unknown type name ‘" + peek().text() + "’");
                next();
            } else if (!(peek().kind() == TokenKind.IDENT && (at(1, "(") || at(1, "=") || at(1, ";") || at(1, ",")))) {
                throw error("expected identifier or ‘(’");
            }
        }
        List<Decl.InitDeclarator> list = new ArrayList<>();
        if (accept(";")) return new Decl.Declaration(from(start), specs, list);
        boolean typedef = specs.storage() == Decl.Storage.TYPEDEF;
        while (true) {
            Declarator d = parseDeclarator(false);
            declareName(d.name(), typedef);
            String asmLabel = null;
            if (at("asm")) {
                next();
                expect("(");
                Expr s = parsePrimary();
                if (s instanceof Expr.StrLit lit) asmLabel = new String(lit.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                expect(")");
            }
            List<Attribute> attrs = new ArrayList<>(maybeAttributes());
            if (topLevel && list.isEmpty() && d.isFunction() && at("{")) {
                return parseFunctionBody(start, specs, withAttrs(d, attrs));
            }
            Initializer init = null;
            if (accept("=")) {
                init = parseInitializer();
            }
            list.add(new Decl.InitDeclarator(d, init, attrs, asmLabel));
            if (accept(",")) continue;
            if (accept(";")) break;
            if (!topLevel && d.isFunction() && at("{")) {
                // a nested function, GNU C's: gcc takes it (a missing '}' makes module_init's __inittest
                // one); kplay compiles none and says so only if nothing else is wrong (Compiler)
                nestedFunctions.add(new Nested(here(), currentFunction));
                list.add(new Decl.InitDeclarator(d, null, attrs, asmLabel));
                int depth = 0;
                do {
                    if (at("{")) depth++;
                    else if (at("}")) depth--;
                    next();
                } while (depth > 0 && !atEof());
                return new Decl.Declaration(from(start), specs, list);
            }
            reportExpected(init != null ? "expected ‘,’ or ‘;’" : "expected ‘=’, ‘,’, ‘;’, ‘asm’ or ‘__attribute__’");
            skipToEndOfStatement();
            break;
        }
        return new Decl.Declaration(from(start), specs, list);
    }

    /** Reports the preprocessor's deferred diagnostics before (or up to the end of) span w of the main file. */
    private void reachParse(Span w, boolean before) {
        if (w.file() == tokens.get(tokens.size() - 1).where().file()) diags.reachParse(before ? w.start() : w.end());
    }

    private static Declarator withAttrs(Declarator d, List<Attribute> attrs) {
        if (attrs.isEmpty()) return d;
        List<Attribute> all = new ArrayList<>(d.attrs());
        all.addAll(attrs);
        return new Declarator(d.span(), d.name(), d.nameSpan(), d.derivations(), all, d.nameToken());
    }

    private Decl.FunctionDef parseFunctionBody(Span start, Decl.DeclSpecs specs, Declarator d) {
        diags.enterFunction(d.name());
        diags.hold(here().file());
        pushScope();
        Declarator.Function f = (Declarator.Function) d.derivations().get(0);
        for (Declarator.Param p : f.params()) declareName(p.declarator().name(), false);
        currentFunction = d.name();
        int nestedBefore = nestedFunctions.size();
        Stmt.Block body;
        try {
            body = parseCompound();
        } finally {
            currentFunction = null;
        }
        reachParse(prev().where(), false);    // the preprocessor's diagnostics in the body, in the function
        popScope();
        return new Decl.FunctionDef(from(start), specs, d, body, nestedFunctions.size() > nestedBefore);
    }

    // compound-statement = "{" (declaration | statement)* "}"
    @Override
    Stmt.Block parseCompound() {
        Span start = expect("{").where();
        pushScope();
        List<Stmt> items = new ArrayList<>();
        while (!at("}") && !atEof()) {
            int before = pos;
            try {
                items.add(parseBlockItem());
            } catch (SyntaxError e) {
                skipToEndOfStatement();
            }
            if (pos == before) next();
        }
        popScope();
        Span close = here();
        boolean unterminated = atEof();
        if (unterminated) {
            errorState = false;
            reportExpected("expected declaration or statement");
        } else {
            next();
        }
        return new Stmt.Block(span(start, close), items, close, unterminated);
    }

    // block-item = declaration | static-assert | statement
    private Stmt parseBlockItem() {
        Span start = here();
        if (at("_Static_assert")) {
            Decl d = parseStaticAssert();
            return new Stmt.DeclStmt(d.span(), d);
        }
        if (at("__attribute__")) {
            int save = pos;
            List<Attribute> attrs = parseAttributes();
            if (at(";")) {
                next();
                boolean fallthrough = attrs.stream().anyMatch(a -> a.name().equals("fallthrough"));
                return fallthrough ? new Stmt.Fallthrough(from(start)) : new Stmt.ExprStmt(from(start), null);
            }
            pos = save;
        }
        if (isDeclStart(0) || isUnknownTypeName(0) || (at("__label__"))) {
            if (accept("__label__")) {
                while (!at(";") && !atEof()) next();
                expect(";");
                return new Stmt.ExprStmt(from(start), null);
            }
            Decl d = parseDeclaration(false);
            return new Stmt.DeclStmt(from(start), d);
        }
        return parseStatement();
    }

    // statement = identifier ":" statement | "case" const-expr ("..." const-expr)? ":" statement
    //           | "default" ":" statement | compound-statement | "if" "(" expression ")" statement ("else" statement)?
    //           | "switch" "(" expression ")" statement | "while" "(" expression ")" statement
    //           | "do" statement "while" "(" expression ")" ";"
    //           | "for" "(" (declaration | expression? ";") expression? ";" expression? ")" statement
    //           | "goto" (identifier | "*" expression) ";" | "continue" ";" | "break" ";"
    //           | "return" expression? ";" | asm-statement | expression? ";"
    Stmt parseStatement() {
        Token t = peek();
        Span start = t.where();
        if (t.kind() == TokenKind.IDENT && at(1, ":")) {
            next();
            next();
            maybeAttributes();
            if (at("}")) {
                report(here(), "label at end of compound statement");
                return new Stmt.Labeled(from(start), t.text(), new Stmt.ExprStmt(here(), null));
            }
            Stmt body = isDeclStart(0) ? parseBlockItem() : parseStatement();
            return new Stmt.Labeled(from(start), t.text(), body);
        }
        String c = t.kind() == TokenKind.KEYWORD || t.kind() == TokenKind.PUNCT ? canon(t) : "";
        switch (c) {
            case "{" -> {
                return parseCompound();
            }
            case "case" -> {
                next();
                Expr lo = parseConditional();
                Expr hi = accept("...") ? parseConditional() : null;
                expect(":");
                Stmt body = at("}") ? new Stmt.ExprStmt(here(), null) : parseStatement();
                return new Stmt.Case(span(start, lo.span()), lo, hi, body);
            }
            case "default" -> {
                next();
                expect(":");
                Stmt body = at("}") ? new Stmt.ExprStmt(here(), null) : parseStatement();
                return new Stmt.Default(start, body);
            }
            case "if" -> {
                next();
                Expr cond = parenCondition();
                Stmt then = parseStatement();
                Stmt otherwise = accept("else") ? parseStatement() : null;
                return new Stmt.If(from(start), cond, then, otherwise);
            }
            case "switch" -> {
                next();
                Expr cond = parenCondition();
                return new Stmt.Switch(from(start), cond, parseStatement());
            }
            case "while" -> {
                next();
                Expr cond = parenCondition();
                return new Stmt.While(from(start), cond, parseStatement());
            }
            case "do" -> {
                next();
                Stmt body = parseStatement();
                Expr cond;
                if (require("while", null)) {
                    cond = parenCondition();
                } else {
                    cond = new Expr.Error(here());
                }
                expectSemi();
                return new Stmt.DoWhile(from(start), body, cond);
            }
            case "for" -> {
                next();
                Span open = here();
                if (!require("(", null)) {
                    return new Stmt.ExprStmt(start, new Expr.Error(start));
                }
                pushScope();
                try {
                    Stmt init = null;
                    if (isDeclStart(0)) {
                        Decl d = parseDeclaration(false);
                        init = new Stmt.DeclStmt(d.span(), d);
                    } else if (!accept(";")) {
                        Expr e = parseExpr();
                        expectSemi();
                        init = new Stmt.ExprStmt(e.span(), e);
                    }
                    Expr cond = at(";") ? null : parseExpr();
                    expectSemi();
                    Expr step = at(")") ? null : parseExpr();
                    skipUntilFound(")", open);
                    return new Stmt.For(from(start), init, cond, step, parseStatement());
                } finally {
                    popScope();
                }
            }
            case "goto" -> {
                next();
                if (accept("*")) {
                    Expr target = parseExpr();
                    expectSemi();
                    return new Stmt.GotoExpr(from(start), target);
                }
                String label = expectIdent();
                expectSemi();
                return new Stmt.Goto(from(start), label);
            }
            case "continue" -> {
                next();
                expectSemi();
                return new Stmt.Continue(start);
            }
            case "break" -> {
                next();
                expectSemi();
                return new Stmt.Break(start);
            }
            case "return" -> {
                next();
                Expr value = at(";") ? null : parseExpr();
                expectSemi();
                return new Stmt.Return(from(start), value);
            }
            case "asm" -> {
                return parseAsm();
            }
            case ";" -> {
                next();
                return new Stmt.ExprStmt(start, null);
            }
            default -> { }
        }
        Expr e = parseExpr();
        expectSemi();
        return new Stmt.ExprStmt(span(start, e.span()), e);
    }

    /** Statement end: gcc's c_parser_skip_until_found for ';'. */
    private void expectSemi() {
        skipUntilFound(";", null);
    }

    // paren-condition = "(" expression ")"
    private Expr parenCondition() {
        Span open = here();
        if (!require("(", null)) return new Expr.Error(open);
        Expr cond = parseExpr();
        skipUntilFound(")", open);
        return cond;
    }

    // asm-statement = "asm" ("volatile" | "inline" | "goto")* "(" string-literal
    //                 (":" asm-operands? (":" asm-operands? (":" clobbers?)?)?)? ")" ";"
    private Stmt parseAsm() {
        Span start = next().where();
        while (at("volatile") || at("inline") || at("goto")) next();
        expect("(");
        Expr template = parsePrimary();
        boolean barrier = template instanceof Expr.StrLit s && isBarrier(new String(s.bytes()));
        int depth = 0;
        boolean operands = false;
        while (!atEof()) {
            if (at("(")) depth++;
            if (at(")")) {
                if (depth == 0) break;
                depth--;
            }
            if (at(":")) {
                // outputs and inputs make it real asm; clobbers alone keep it a barrier
                if (peek(1).kind() == TokenKind.STRING && !at(2, ")") && !at(2, ",")) operands = true;
            }
            next();
        }
        expect(")");
        Span sp = from(start);
        expectSemi();
        if (!barrier || operands) {
            report(sp, "inline assembly is not supported by kplay (only ‘asm volatile(\"\" ::: \"memory\")’ barriers"
                    + " and x86's ‘rep; nop’ spin-wait hint)");
        }
        return new Stmt.Asm(sp);
    }

    /**
     * An asm template that does nothing kplay's CPU can see: empty (a compiler barrier), or x86's
     * PAUSE, spelled "rep; nop" as rep_nop() (cpu_relax()) has it, or "pause": a hint to the core
     * that it is in a spin-wait loop, with no architectural effect.
     */
    private static boolean isBarrier(String template) {
        String t = template.strip().replaceAll("\\s+", " ");
        return t.isEmpty() || t.equals("rep; nop") || t.equals("rep;nop") || t.equals("pause");
    }
}
