package dev.kplay.userland.bin.awk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/*
 * awk's tokens (POSIX awk, "Lexical Conventions"). Newlines are tokens because they end
 * statements; a backslash-newline and # comments are skipped. A '/' starts a regular expression
 * unless the token before it ends an operand, the rule every awk lexer uses.
 */

/** Splits an awk program into tokens; throws {@link SyntaxError} with mawk's wording. */
final class Lexer {
    enum Kind { NUMBER, STRING, ERE, NAME, FUNC_NAME, BUILTIN, KEYWORD, PUNCT, NEWLINE, EOF }

    record Token(Kind kind, String text, double number, int line) {
        boolean is(String s) {
            return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(s);
        }
    }

    /** A syntax error at a line of the program. */
    static final class SyntaxError extends RuntimeException {
        final int line;

        SyntaxError(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    static final Set<String> KEYWORDS = Set.of("BEGIN", "END", "function", "func", "if", "else", "while", "for", "do",
            "break", "continue", "next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf");
    static final Set<String> BUILTINS = Set.of("length", "substr", "index", "split", "sub", "gsub", "match", "sprintf",
            "tolower", "toupper", "int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close",
            "fflush");
    private static final String[] PUNCT = {"+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&",
        "||", ">>", "!~", "**=", "**", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">",
        "<", "|", "?", ":", "~", "$", "="};

    private final String src;
    private int pos;
    private int line = 1;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        Lexer l = new Lexer(src);
        l.run();
        return l.out;
    }

    private boolean operandEnded() {
        if (out.isEmpty()) {
            return false;
        }
        Token t = out.get(out.size() - 1);
        return switch (t.kind()) {
            case NUMBER, STRING, ERE, NAME, BUILTIN -> true;
            case PUNCT -> t.text().equals(")") || t.text().equals("]") || t.text().equals("$")
                    || t.text().equals("++") || t.text().equals("--");
            default -> false;
        };
    }

    private void add(Kind k, String text) {
        out.add(new Token(k, text, 0, line));
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else if (c == '\\' && src.startsWith("\r\n", pos + 1)) {
                pos += 3;
                line++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                add(Kind.NEWLINE, "\n");
                pos++;
                line++;
            } else if (c == '"') {
                string();
            } else if (c == '/' && !operandEnded()) {
                regex();
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                int s = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String w = src.substring(s, pos);
                if (KEYWORDS.contains(w)) {
                    add(Kind.KEYWORD, w.equals("func") ? "function" : w);
                } else if (BUILTINS.contains(w)) {
                    add(Kind.BUILTIN, w);
                } else if (pos < src.length() && src.charAt(pos) == '(') {
                    add(Kind.FUNC_NAME, w);
                } else {
                    add(Kind.NAME, w);
                }
            } else {
                String p = null;
                for (String cand : PUNCT) {
                    if (src.startsWith(cand, pos)) {
                        p = cand;
                        break;
                    }
                }
                if (p == null) {
                    throw new SyntaxError(line, "syntax error at or near " + c);
                }
                pos += p.length();
                add(Kind.PUNCT, p.equals("**") ? "^" : p.equals("**=") ? "^=" : p);
            }
        }
        add(Kind.EOF, "end of file");
    }

    private void number() {
        int s = pos;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            out.add(new Token(Kind.NUMBER, src.substring(s, pos), Long.parseLong(src.substring(s + 2, pos), 16), line));
            return;
        }
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int e = pos + 1;
            if (e < src.length() && (src.charAt(e) == '+' || src.charAt(e) == '-')) {
                e++;
            }
            if (e < src.length() && Character.isDigit(src.charAt(e))) {
                pos = e;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            }
        }
        String t = src.substring(s, pos);
        out.add(new Token(Kind.NUMBER, t, Double.parseDouble(t), line));
    }

    private void string() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new SyntaxError(line, "runaway string constant \"" + b + " ...");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\' && pos < src.length()) {
                char n = src.charAt(pos++);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case '/' -> b.append('/');
                    case 'a' -> b.append('\007');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'v' -> b.append('\013');
                    case '\n' -> line++;
                    default -> {
                        if (n >= '0' && n <= '7') {
                            int v = n - '0';
                            for (int k = 0; k < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; k++) {
                                v = v * 8 + src.charAt(pos++) - '0';
                            }
                            b.append((char) v);
                        } else {
                            b.append('\\').append(n);
                        }
                    }
                }
            } else {
                b.append(c);
            }
        }
        add(Kind.STRING, b.toString());
    }

    private void regex() {
        StringBuilder b = new StringBuilder();
        pos++;
        boolean bracket = false;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new SyntaxError(line, "runaway regular expression /" + b + " ...");
            }
            char c = src.charAt(pos++);
            if (c == '/' && !bracket) {
                break;
            }
            if (c == '[' && !bracket) {
                bracket = true;
                b.append(c);
                if (pos < src.length() && src.charAt(pos) == '^') {
                    b.append(src.charAt(pos++));
                }
                if (pos < src.length() && src.charAt(pos) == ']') {
                    b.append(src.charAt(pos++));
                }
                continue;
            }
            if (c == ']' && bracket) {
                bracket = false;
            }
            if (c == '\\' && pos < src.length()) {
                char n = src.charAt(pos++);
                if (n == '/') {
                    b.append('/');
                } else {
                    b.append('\\').append(n);
                }
                continue;
            }
            b.append(c);
        }
        add(Kind.ERE, b.toString());
    }
}
