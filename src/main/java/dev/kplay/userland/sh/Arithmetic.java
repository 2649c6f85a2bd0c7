package dev.kplay.userland.sh;

import java.util.function.Function;

/*
 * bash's arithmetic $((...)): 64-bit integers, C's operators and precedence (plus ** for powers),
 * variable names read as numbers (unset or empty is 0), 0x.. hex and 0.. octal constants. Errors
 * carry bash's wording and abandon the command line, as an expansion error does in bash.
 */

/** Evaluates an arithmetic expression; throws {@link ArithError} with bash's message. */
final class Arithmetic {
    /** "EXPR: syntax error: operand expected (error token is "+")", printed after "bash: ". */
    static final class ArithError extends RuntimeException {
        ArithError(String message) {
            super(message, null, false, false);
        }
    }

    private final String src;
    private final Function<String, String> vars;
    private int pos;

    private Arithmetic(String src, Function<String, String> vars) {
        this.src = src;
        this.vars = vars;
    }

    static long eval(String expr, Function<String, String> vars) {
        Arithmetic a = new Arithmetic(expr, vars);
        a.skip();
        if (a.pos >= expr.length()) {
            return 0;
        }
        long v = a.binary(0);
        a.skip();
        if (a.pos < expr.length()) {
            throw a.error("syntax error in expression", expr.substring(a.pos));
        }
        return v;
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"},
        {"*", "/", "%"}, {"**"},
    };

    // binary := unary (op binary-of-next-level)*, by precedence level (C's order; ** binds tightest)
    private long binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        long left = binary(level + 1);
        while (true) {
            skip();
            String op = match(LEVELS[level]);
            if (op == null) {
                return left;
            }
            long right = binary(op.equals("**") ? level : level + 1);
            left = apply(op, left, right);
        }
    }

    /** The level's operator at pos, if the longest operator there is one of {@code ops}. */
    private String match(String[] ops) {
        String longest = null;
        for (String[] level : LEVELS) {
            for (String op : level) {
                if (src.startsWith(op, pos) && (longest == null || op.length() > longest.length())) {
                    longest = op;
                }
            }
        }
        if (longest == null || !java.util.List.of(ops).contains(longest)) {
            return null;
        }
        pos += longest.length();
        return longest;
    }

    private long apply(String op, long a, long b) {
        return switch (op) {
            case "||" -> a != 0 || b != 0 ? 1 : 0;
            case "&&" -> a != 0 && b != 0 ? 1 : 0;
            case "|" -> a | b;
            case "^" -> a ^ b;
            case "&" -> a & b;
            case "==" -> a == b ? 1 : 0;
            case "!=" -> a != b ? 1 : 0;
            case "<=" -> a <= b ? 1 : 0;
            case ">=" -> a >= b ? 1 : 0;
            case "<" -> a < b ? 1 : 0;
            case ">" -> a > b ? 1 : 0;
            case "<<" -> a << b;
            case ">>" -> a >> b;
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "**" -> {
                long r = 1;
                for (long i = 0; i < b; i++) {
                    r *= a;
                }
                yield r;
            }
            default -> {
                if (b == 0) {
                    throw error("division by 0", "0");
                }
                yield op.equals("/") ? a / b : a % b;
            }
        };
    }

    // unary := ('-' | '+' | '!' | '~') unary | '(' binary ')' | number | name
    private long unary() {
        skip();
        if (pos >= src.length()) {
            throw error("syntax error: operand expected", src.substring(lastOp()));
        }
        char c = src.charAt(pos);
        if ("-+!~".indexOf(c) >= 0) {
            pos++;
            long v = unary();
            return c == '-' ? -v : c == '+' ? v : c == '!' ? (v == 0 ? 1 : 0) : ~v;
        }
        if (c == '(') {
            pos++;
            long v = binary(0);
            skip();
            if (pos >= src.length() || src.charAt(pos) != ')') {
                throw error("missing `)'", src.substring(Math.min(pos, src.length())));
            }
            pos++;
            return v;
        }
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        String tok = src.substring(start, pos);
        if (tok.isEmpty()) {
            throw error("syntax error: operand expected", src.substring(start));
        }
        if (Character.isDigit(tok.charAt(0))) {
            return number(tok);
        }
        String v = vars.apply(tok).trim();
        return v.isEmpty() ? 0 : v.matches("-?\\d+") ? Long.parseLong(v) : eval(v, vars);
    }

    private long number(String tok) {
        try {
            if (tok.startsWith("0x") || tok.startsWith("0X")) {
                return Long.parseLong(tok.substring(2), 16);
            }
            return tok.length() > 1 && tok.startsWith("0") ? Long.parseLong(tok, 8) : Long.parseLong(tok);
        } catch (NumberFormatException e) {
            throw error("value too great for base", tok);
        }
    }

    /** Where the last operator began (bash's error token for a missing operand). */
    private int lastOp() {
        int i = src.length() - 1;
        while (i > 0 && (src.charAt(i) == ' ' || "+-*/%<>=!&|^~".indexOf(src.charAt(i - 1)) >= 0)) {
            i--;
        }
        return Math.max(0, i);
    }

    private ArithError error(String what, String token) {
        return new ArithError(src.trim() + ": " + what + " (error token is \"" + token.trim() + "\")");
    }

    private void skip() {
        while (pos < src.length() && " \t\n".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
    }
}
