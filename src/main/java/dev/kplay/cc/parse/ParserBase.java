package dev.kplay.cc.parse;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.Span;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token cursor, error reporting and recovery, and the typedef-name scopes that C's grammar
 * needs (whether {@code T * x;} is a declaration depends on whether T names a type).
 *
 * <p>Errors are reported in gcc's words ("expected ‘;’ before ‘}’ token") and then thrown as
 * {@link SyntaxError}, which the statement and external-declaration parsers catch to skip to the end
 * of the statement or block, the way gcc's c_parser_skip_to_end_of_block_or_statement recovers.
 */
abstract class ParserBase {
    /** Thrown after a syntax error has been reported; caught where the parser resynchronizes. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError() { super(null, null, false, false); }
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
        Map.entry("__const", "const"), Map.entry("__const__", "const"),
        Map.entry("__inline", "inline"), Map.entry("__inline__", "inline"),
        Map.entry("__signed", "signed"), Map.entry("__signed__", "signed"),
        Map.entry("__volatile", "volatile"), Map.entry("__volatile__", "volatile"),
        Map.entry("__restrict", "restrict"), Map.entry("__restrict__", "restrict"),
        Map.entry("__typeof", "typeof"), Map.entry("__typeof__", "typeof"),
        Map.entry("__asm", "asm"), Map.entry("__asm__", "asm"),
        Map.entry("__attribute", "__attribute__"),
        Map.entry("__alignof", "_Alignof"), Map.entry("__alignof__", "_Alignof"),
        Map.entry("<:", "["), Map.entry(":>", "]"), Map.entry("<%", "{"), Map.entry("%>", "}"));

    final List<Token> tokens;
    final Diagnostics diags;
    int pos;
    private final Deque<Map<String, Boolean>> scopes = new ArrayDeque<>();
    int errorCount;

    ParserBase(List<Token> tokens, Diagnostics diags) {
        this.tokens = tokens;
        this.diags = diags;
        scopes.push(new HashMap<>());
        scopes.peek().put("__builtin_va_list", true);
    }

    // ---- cursor ----------------------------------------------------------------------------

    Token peek() { return tokens.get(pos); }

    Token peek(int k) { return tokens.get(Math.min(pos + k, tokens.size() - 1)); }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != TokenKind.EOF) pos++;
        return t;
    }

    Token prev() { return tokens.get(Math.max(0, pos - 1)); }

    /** The canonical spelling of a keyword or punctuator ("__inline__" → "inline", "<:" → "["). */
    static String canon(Token t) {
        if (t.kind() != TokenKind.KEYWORD && t.kind() != TokenKind.PUNCT) return null;
        return ALIASES.getOrDefault(t.text(), t.text());
    }

    /** True if the current token is the keyword or punctuator {@code s} (aliases included). */
    boolean at(String s) {
        return s.equals(canon(peek()));
    }

    boolean at(int k, String s) {
        return s.equals(canon(peek(k)));
    }

    boolean accept(String s) {
        if (at(s)) {
            next();
            return true;
        }
        return false;
    }

    boolean atEof() { return peek().kind() == TokenKind.EOF; }

    Span here() { return peek().where(); }

    /** Consumes {@code s} or reports "expected ‘s’ before ..." and throws. */
    Token expect(String s) {
        if (at(s)) return next();
        throw error("expected ‘" + s + "’");
    }

    /** Reports "{what} before {current token}" at the current token and returns a SyntaxError to throw. */
    SyntaxError error(String what) {
        reportExpected(what);
        return new SyntaxError();
    }

    void reportExpected(String what) {
        Token t = peek();
        String where;
        switch (t.kind()) {
            case EOF -> where = " at end of input";
            case KEYWORD, IDENT -> where = " before ‘" + t.text() + "’";
            case NUMBER -> where = " before numeric constant";
            case STRING -> where = " before string constant";
            case CHAR -> where = " before character constant";
            default -> where = " before ‘" + t.text() + "’ token";
        }
        Span span = t.where();
        if (t.kind() == TokenKind.EOF) {
            span = prev().where();
            span = new Span(span.file(), span.end(), span.end());
        }
        report(span, what + where);
    }

    void report(Span span, String message) {
        errorCount++;
        diags.report(Severity.ERROR, span, message, null);
    }

    void warn(Span span, String message, String option) {
        diags.report(Severity.WARNING, span, message, option);
    }

    // ---- recovery --------------------------------------------------------------------------

    /**
     * Skips to the end of the current statement: past the next ';' at nesting depth 0, or past a
     * balanced '{...}' block, or up to (not past) a '}' closing the enclosing block.
     */
    void skipToEndOfStatement() {
        int depth = 0;
        while (!atEof()) {
            if (at(";") && depth == 0) {
                next();
                return;
            }
            if (at("{")) {
                depth++;
            } else if (at("}")) {
                if (depth == 0) return;
                if (--depth == 0) {
                    next();
                    return;
                }
            }
            next();
        }
    }

    // ---- typedef scopes --------------------------------------------------------------------

    void pushScope() { scopes.push(new HashMap<>()); }

    void popScope() { scopes.pop(); }

    void declareName(String name, boolean isTypedef) {
        if (name != null) scopes.peek().put(name, isTypedef);
    }

    boolean isTypedefName(Token t) {
        if (t.kind() != TokenKind.IDENT) return false;
        for (Map<String, Boolean> s : scopes) {
            Boolean b = s.get(t.text());
            if (b != null) return b;
        }
        return false;
    }

    static Span span(Span from, Span to) {
        if (from == null) return to;
        if (to == null || from.file() != to.file()) return from;
        return from.to(to);
    }

    /** Span from a start token's position through the previous token. */
    Span from(Span start) {
        return span(start, prev().where());
    }
}
