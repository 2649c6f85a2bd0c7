package dev.kplay.cc.parse;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.Span;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expressions, by precedence climbing over C's binary operator levels and plain recursive descent
 * for the unary, postfix and primary levels (C11 6.5 plus the GNU forms the kernel uses).
 */
abstract class ExprParser extends ParserBase {
    private static final Map<String, Integer> BINARY = Map.ofEntries(
        Map.entry("||", 1), Map.entry("&&", 2), Map.entry("|", 3), Map.entry("^", 4), Map.entry("&", 5),
        Map.entry("==", 6), Map.entry("!=", 6),
        Map.entry("<", 7), Map.entry(">", 7), Map.entry("<=", 7), Map.entry(">=", 7),
        Map.entry("<<", 8), Map.entry(">>", 8), Map.entry("+", 9), Map.entry("-", 9),
        Map.entry("*", 10), Map.entry("/", 10), Map.entry("%", 10));

    private static final java.util.Set<String> ASSIGN_OPS = java.util.Set.of(
        "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=");

    ExprParser(List<Token> tokens, Diagnostics diags) {
        super(tokens, diags);
    }

    abstract boolean isTypeStart(int k);

    abstract TypeName parseTypeName();

    abstract Initializer parseBraceInitializer();

    abstract Stmt.Block parseCompound();

    // expression = assignment ("," assignment)*
    Expr parseExpr() {
        Expr e = parseAssign();
        while (at(",")) {
            Span op = next().where();
            Expr r = parseAssign();
            e = new Expr.Binary(span(e.span(), r.span()), ",", e, r, op);
        }
        return e;
    }

    // assignment = conditional (assign-op assignment)?
    Expr parseAssign() {
        Expr e = parseConditional();
        String op = canon(peek());
        if (op != null && ASSIGN_OPS.contains(op) && peek().kind() == TokenKind.PUNCT) {
            Span opSpan = next().where();
            Expr v = parseAssign();
            return new Expr.Assign(span(e.span(), v.span()), op, e, v, opSpan);
        }
        return e;
    }

    // conditional = logical-or ("?" expression? ":" conditional)?
    Expr parseConditional() {
        Expr c = parseBinary(1);
        if (!at("?")) return c;
        next();
        Expr t = at(":") ? null : parseExpr();
        if (!require(":", null)) return new Expr.Error(here());
        Expr f = parseConditional();
        return new Expr.Cond(span(c.span(), f.span()), c, t, f);
    }

    // binary = cast (binary-op binary)*, by precedence level
    Expr parseBinary(int minPrec) {
        Expr left = parseCast();
        while (true) {
            Token t = peek();
            Integer prec = t.kind() == TokenKind.PUNCT ? BINARY.get(t.text()) : null;
            if (prec == null || prec < minPrec) return left;
            next();
            Expr right = parseBinary(prec + 1);
            left = new Expr.Binary(span(left.span(), right.span()), t.text(), left, right, t.where());
        }
    }

    // cast = "(" type-name ")" cast | "(" type-name ")" "{" initializer-list "}" postfix* | unary
    Expr parseCast() {
        if (at("(") && isTypeStart(1)) {
            Span start = next().where();
            TypeName tn = parseTypeName();
            expect(")");
            if (at("{")) {
                Initializer init = parseBraceInitializer();
                return parsePostfixOps(new Expr.CompoundLit(from(start), tn, init));
            }
            Expr operand = parseCast();
            return new Expr.Cast(span(start, operand.span()), tn, operand);
        }
        return parseUnary();
    }

    // unary = ("++" | "--") unary | ("&" | "*" | "+" | "-" | "~" | "!") cast
    //       | ("sizeof" | "_Alignof") (unary | "(" type-name ")") | "__extension__" cast | postfix
    Expr parseUnary() {
        Token t = peek();
        String c = canon(t);
        if (c == null) return parsePostfix();
        switch (c) {
            case "++", "--" -> {
                next();
                Expr e = parseUnary();
                return new Expr.Unary(span(t.where(), e.span()), c, e);
            }
            case "&", "*", "+", "-", "~", "!" -> {
                next();
                Expr e = parseCast();
                return new Expr.Unary(span(t.where(), e.span()), c, e);
            }
            case "&&" -> throw error("taking the address of a label is not supported;");
            case "sizeof", "_Alignof" -> {
                next();
                boolean align = c.equals("_Alignof");
                if (at("(") && isTypeStart(1)) {
                    next();
                    TypeName tn = parseTypeName();
                    expect(")");
                    if (at("{")) {
                        Initializer init = parseBraceInitializer();
                        Expr lit = parsePostfixOps(new Expr.CompoundLit(from(t.where()), tn, init));
                        return new Expr.SizeofExpr(from(t.where()), lit, align);
                    }
                    return new Expr.SizeofType(from(t.where()), tn, align);
                }
                Expr e = parseUnary();
                return new Expr.SizeofExpr(span(t.where(), e.span()), e, align);
            }
            case "__extension__" -> {
                next();
                return parseCast();
            }
            default -> {
                return parsePostfix();
            }
        }
    }

    // postfix = primary ("[" expression "]" | "(" arguments? ")" | "." ident | "->" ident | "++" | "--")*
    Expr parsePostfix() {
        return parsePostfixOps(parsePrimary());
    }

    Expr parsePostfixOps(Expr e) {
        while (true) {
            if (at("[")) {
                Span open = next().where();
                Expr idx = parseExpr();
                skipUntilFound("]", open);
                e = new Expr.Index(from(e.span()), e, idx, open);
            } else if (at("(")) {
                Span open = next().where();
                List<Expr> args = new ArrayList<>();
                if (!at(")")) {
                    do {
                        args.add(parseAssign());
                    } while (accept(","));
                }
                skipUntilFound(")", open);
                e = new Expr.Call(from(e.span()), e, args);
            } else if (at(".") || at("->")) {
                Token opTok = next();
                boolean arrow = opTok.text().equals("->");
                Token name = peek();
                if (name.kind() != TokenKind.IDENT) {
                    reportExpected("expected identifier");
                    return new Expr.Error(name.where());
                }
                next();
                e = new Expr.Member(span(e.span(), name.where()), e, name.text(), arrow, name.where(), opTok.where());
            } else if (at("++") || at("--")) {
                Token op = next();
                e = new Expr.Unary(span(e.span(), op.where()), "post" + op.text(), e);
            } else {
                return e;
            }
        }
    }

    // primary = "(" expression ")" | "(" "{" block-items "}" ")" | identifier | constant | string-literal+
    //         | "__builtin_va_arg" "(" assignment "," type-name ")"
    //         | "__builtin_offsetof" "(" type-name "," member-designator ")"
    //         | "__builtin_types_compatible_p" "(" type-name "," type-name ")"
    //         | "_Generic" "(" assignment ("," (type-name | "default") ":" assignment)+ ")"
    Expr parsePrimary() {
        Token t = peek();
        Span start = t.where();
        switch (t.kind()) {
            case IDENT -> {
                next();
                if (currentFunction != null && FUNCTION_NAMES.contains(t.text())) {
                    // C99 6.4.2.2: static const char __func__[] = "function-name"; gcc's
                    // __FUNCTION__ and __PRETTY_FUNCTION__ are the same in C.
                    return new Expr.StrLit(start, currentFunction.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return new Expr.Ident(start, t.text(), t);
            }
            case NUMBER -> {
                next();
                String s = t.text().toLowerCase();
                boolean hex = s.startsWith("0x");
                if ((!hex && (s.contains(".") || s.contains("e"))) || (hex && (s.contains(".") || s.contains("p")))) {
                    return new Expr.FloatLit(start, t.text());
                }
                return new Expr.IntLit(start, t.text());
            }
            case CHAR -> {
                next();
                return new Expr.CharLit(start, decodeChar(t), t.text());
            }
            case STRING -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                Span end = start;
                List<Span> pieces = new ArrayList<>();
                List<Integer> starts = new ArrayList<>();
                List<dev.kplay.cc.source.MacroLoc> virts = new ArrayList<>();
                while (peek().kind() == TokenKind.STRING) {
                    Token s = next();
                    end = s.where();
                    pieces.add(s.span());
                    virts.add(s.virt());
                    starts.add(b.size());
                    decodeString(s.text(), b);
                }
                return new Expr.StrLit(span(start, end), b.toByteArray(), List.copyOf(pieces),
                    starts.stream().mapToInt(Integer::intValue).toArray(),
                    virts.toArray(new dev.kplay.cc.source.MacroLoc[0]));
            }
            default -> { }
        }
        String c = canon(t);
        if ("(".equals(c)) {
            next();
            if (at("{")) {
                Stmt.Block body = parseCompound();
                skipUntilFound(")", start);
                return new Expr.StmtExpr(from(start), body);
            }
            Expr e = parseExpr();
            skipUntilFound(")", start);
            if (e instanceof Expr.Assign a) {
                // keep the parentheses in the span: -Wparentheses asks whether an assignment was parenthesized
                return new Expr.Assign(from(start), a.op(), a.target(), a.value(), a.opSpan());
            }
            return e;
        }
        if ("__builtin_va_arg".equals(c)) {
            next();
            expect("(");
            Expr ap = parseAssign();
            expect(",");
            TypeName tn = parseTypeName();
            expect(")");
            return new Expr.VaArg(from(start), ap, tn);
        }
        if ("__builtin_offsetof".equals(c)) {
            next();
            expect("(");
            TypeName tn = parseTypeName();
            expect(",");
            List<Designator> path = new ArrayList<>();
            path.add(new Designator.Field(here(), expectIdent()));
            while (true) {
                if (accept(".")) {
                    path.add(new Designator.Field(prev().where(), expectIdent()));
                } else if (at("[")) {
                    Span s = next().where();
                    Expr idx = parseExpr();
                    expect("]");
                    path.add(new Designator.Index(from(s), idx));
                } else {
                    break;
                }
            }
            expect(")");
            return new Expr.Offsetof(from(start), tn, path);
        }
        if ("__builtin_types_compatible_p".equals(c)) {
            next();
            expect("(");
            TypeName a = parseTypeName();
            expect(",");
            TypeName b = parseTypeName();
            expect(")");
            return new Expr.TypesCompatible(from(start), a, b);
        }
        if ("_Generic".equals(c)) {
            next();
            expect("(");
            Expr ctl = parseAssign();
            List<TypeName> types = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            while (accept(",")) {
                if (accept("default")) {
                    types.add(null);
                } else {
                    types.add(parseTypeName());
                }
                expect(":");
                values.add(parseAssign());
            }
            expect(")");
            return new Expr.Generic(from(start), ctl, types, values);
        }
        reportExpected("expected expression");
        return new Expr.Error(t.where());
    }

    String expectIdent() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT) throw error("expected identifier");
        next();
        return t.text();
    }

    // ---- literals ---------------------------------------------------------------------------

    private long decodeChar(Token t) {
        String s = t.text();
        int q = s.indexOf('\'');
        boolean wide = q > 0;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        decodeBody(s.substring(q + 1, s.length() - 1), b);
        byte[] bytes = b.toByteArray();
        if (bytes.length == 0) {
            report(t.where(), "empty character constant");
            return 0;
        }
        if (wide) {
            return new String(bytes, StandardCharsets.UTF_8).codePointAt(0);
        }
        if (bytes.length > 1) {
            long v = 0;
            for (byte x : bytes) v = (v << 8) | (x & 0xff);
            warn(t.where(), "multi-character character constant", "multichar");
            return (int) v;
        }
        return bytes[0];   // char is signed on x86-64
    }

    private static void decodeString(String s, ByteArrayOutputStream b) {
        int q = s.indexOf('"');
        decodeBody(s.substring(q + 1, s.length() - 1), b);
    }

    private static void decodeBody(String s, ByteArrayOutputStream b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c < 0x80) {
                    b.write(c);
                } else {
                    int cp = s.codePointAt(i);
                    byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    b.write(u, 0, u.length);
                    if (Character.isSupplementaryCodePoint(cp)) i++;
                }
                continue;
            }
            if (++i >= s.length()) break;
            c = s.charAt(i);
            switch (c) {
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case 'r' -> b.write('\r');
                case 'a' -> b.write(7);
                case 'b' -> b.write(8);
                case 'f' -> b.write(12);
                case 'v' -> b.write(11);
                case 'e', 'E' -> b.write(27);
                case 'x' -> {
                    int v = 0;
                    while (i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                    }
                    b.write(v);
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int v = c - '0';
                        for (int k = 0; k < 2 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7'; k++) {
                            v = v * 8 + (s.charAt(++i) - '0');
                        }
                        b.write(v);
                    } else {
                        b.write(c);
                    }
                }
            }
        }
    }
}
