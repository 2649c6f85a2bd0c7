package dev.kplay.cc.pp;

import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import java.util.List;

/**
 * The #if expression evaluator: C's integer constant expressions over intmax_t/uintmax_t (C11 6.10.1),
 * after {@code defined} and macros have been replaced. Identifiers left over count as 0. A value
 * carries its signedness, so {@code -1 < 0u} is false, as in gcc. Division by zero is an error only in
 * an evaluated operand ({@code 0 && 1/0} is fine).
 *
 * <pre>
 * cond    = logor ("?" expr ":" cond)?
 * logor   = logand ("||" logand)*          ... down through | ^ &amp; == relational shift additive ...
 * unary   = ("+" | "-" | "~" | "!") unary | primary
 * primary = "(" expr ")" | number | char | ident
 * </pre>
 */
final class ConstExpr {
    /** Thrown with gcc's message; the caller reports it at the #if. */
    static final class Error extends RuntimeException {
        final Token at;

        Error(String message, Token at) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    private record Value(long v, boolean unsigned) {
        boolean truth() { return v != 0; }
    }

    private final List<Token> toks;
    private final Token directive;
    private int pos;
    private int skip;   // > 0 while evaluating an operand whose value is not used

    private ConstExpr(List<Token> toks, Token directive) {
        this.toks = toks;
        this.directive = directive;
    }

    /** Evaluates the whole list; throws {@link Error} on a malformed expression. */
    static long evaluate(List<Token> toks, Token directive) {
        if (toks.isEmpty()) {
            throw new Error("#" + directive.text() + " with no expression", directive);
        }
        ConstExpr e = new ConstExpr(toks, directive);
        Value v = e.expr();
        if (e.pos < toks.size()) {
            Token t = toks.get(e.pos);
            if (t.text().equals(")")) throw new Error("missing '(' in expression", t);
            throw new Error("missing binary operator before token \"" + t.text() + "\"", t);
        }
        return v.v;
    }

    private Token peek() {
        return pos < toks.size() ? toks.get(pos) : null;
    }

    private boolean accept(String op) {
        Token t = peek();
        if (t != null && t.kind() == TokenKind.PUNCT && t.text().equals(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private Value expr() {
        Value v = cond();
        while (accept(",")) {
            v = cond();
        }
        return v;
    }

    private Value cond() {
        Value c = binary(0);
        if (!accept("?")) return c;
        if (!c.truth()) skip++;
        Value a = expr();
        if (!c.truth()) skip--;
        if (!accept(":")) throw new Error("'?' without following ':'", peek() != null ? peek() : directive);
        if (c.truth()) skip++;
        Value b = cond();
        if (c.truth()) skip--;
        boolean u = a.unsigned || b.unsigned;
        return new Value(c.truth() ? a.v : b.v, u);
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"},
        {"*", "/", "%"},
    };

    private Value binary(int level) {
        if (level == LEVELS.length) return unary();
        Value l = binary(level + 1);
        while (true) {
            String op = null;
            for (String o : LEVELS[level]) {
                if (accept(o)) {
                    op = o;
                    break;
                }
            }
            if (op == null) return l;
            Token opTok = toks.get(pos - 1);
            boolean shortCircuit = (op.equals("||") && l.truth()) || (op.equals("&&") && !l.truth());
            if (shortCircuit) skip++;
            Value r = binary(level + 1);
            if (shortCircuit) skip--;
            l = apply(op, l, r, opTok);
        }
    }

    private Value apply(String op, Value l, Value r, Token at) {
        boolean u = l.unsigned || r.unsigned;
        long a = l.v, b = r.v;
        switch (op) {
            case "||": return new Value(a != 0 || b != 0 ? 1 : 0, false);
            case "&&": return new Value(a != 0 && b != 0 ? 1 : 0, false);
            case "|": return new Value(a | b, u);
            case "^": return new Value(a ^ b, u);
            case "&": return new Value(a & b, u);
            case "==": return new Value(a == b ? 1 : 0, false);
            case "!=": return new Value(a != b ? 1 : 0, false);
            case "<": return new Value((u ? Long.compareUnsigned(a, b) < 0 : a < b) ? 1 : 0, false);
            case ">": return new Value((u ? Long.compareUnsigned(a, b) > 0 : a > b) ? 1 : 0, false);
            case "<=": return new Value((u ? Long.compareUnsigned(a, b) <= 0 : a <= b) ? 1 : 0, false);
            case ">=": return new Value((u ? Long.compareUnsigned(a, b) >= 0 : a >= b) ? 1 : 0, false);
            case "<<": return new Value(b >= 64 || b < 0 ? 0 : a << b, l.unsigned);
            case ">>": return new Value(b >= 64 || b < 0 ? (l.unsigned || a >= 0 ? 0 : -1)
                                                    : l.unsigned ? a >>> b : a >> b, l.unsigned);
            case "+": return new Value(a + b, u);
            case "-": return new Value(a - b, u);
            case "*": return new Value(a * b, u);
            default:
                if (b == 0) {
                    if (skip > 0) return new Value(0, u);
                    throw new Error("division by zero in #" + directive.text(), at);
                }
                if (op.equals("/")) return new Value(u ? Long.divideUnsigned(a, b) : a / b, u);
                return new Value(u ? Long.remainderUnsigned(a, b) : a % b, u);
        }
    }

    private Value unary() {
        if (accept("+")) return unary();
        if (accept("-")) {
            Value v = unary();
            return new Value(-v.v, v.unsigned);
        }
        if (accept("~")) {
            Value v = unary();
            return new Value(~v.v, v.unsigned);
        }
        if (accept("!")) return new Value(unary().truth() ? 0 : 1, false);
        return primary();
    }

    private Value primary() {
        Token t = peek();
        if (t == null) {
            Token last = toks.get(toks.size() - 1);
            throw new Error("operator '" + last.text() + "' has no right operand", last);
        }
        if (accept("(")) {
            Value v = expr();
            if (!accept(")")) throw new Error("missing ')' in expression", peek() != null ? peek() : t);
            return v;
        }
        pos++;
        switch (t.kind()) {
            case NUMBER:
                return number(t);
            case CHAR:
                return new Value(charValue(t), false);
            case IDENT:
            case KEYWORD:
                return new Value(0, false);
            default:
                throw new Error("token \"" + t.text() + "\" is not valid in preprocessor expressions", t);
        }
    }

    private Value number(Token t) {
        String s = t.text().toLowerCase();
        int end = s.length();
        boolean unsigned = false;
        while (end > 0 && (s.charAt(end - 1) == 'u' || s.charAt(end - 1) == 'l')) {
            if (s.charAt(end - 1) == 'u') unsigned = true;
            end--;
        }
        String digits = s.substring(0, end);
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.indexOf('.') >= 0 || (radix != 16 && (digits.indexOf('e') >= 0)) || digits.indexOf('p') >= 0) {
            throw new Error("floating constant in preprocessor expression", t);
        }
        try {
            long v = Long.parseUnsignedLong(digits, radix);
            if (v < 0) unsigned = true;
            return new Value(v, unsigned);
        } catch (NumberFormatException e) {
            throw new Error("invalid suffix \"" + t.text().substring(Math.min(t.text().length(), 1))
                + "\" on integer constant", t);
        }
    }

    /** The value of a character constant, as gcc computes it for a plain (signed) char. */
    static long charValue(Token t) {
        String s = t.text();
        int q = s.indexOf('\'');
        boolean wide = q > 0;
        String body = s.substring(q + 1, s.length() - 1);
        long v;
        if (body.startsWith("\\")) {
            char c = body.length() > 1 ? body.charAt(1) : '\\';
            switch (c) {
                case 'n': v = 10; break;
                case 't': v = 9; break;
                case 'r': v = 13; break;
                case 'a': v = 7; break;
                case 'b': v = 8; break;
                case 'f': v = 12; break;
                case 'v': v = 11; break;
                case 'e': v = 27; break;
                case 'x': v = Long.parseLong(body.substring(2), 16); break;
                default:
                    if (c >= '0' && c <= '7') {
                        v = Long.parseLong(body.substring(1), 8);
                    } else {
                        v = c;
                    }
            }
        } else {
            v = body.isEmpty() ? 0 : body.codePointAt(0);
        }
        return wide ? v : (byte) v;
    }
}
