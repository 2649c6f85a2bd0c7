package dev.kplay.cc.parse;

import dev.kplay.cc.diag.CpuLimit;
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

    /** The predefined identifiers that name the enclosing function. */
    static final java.util.Set<String> FUNCTION_NAMES = java.util.Set.of("__func__", "__FUNCTION__", "__PRETTY_FUNCTION__");

    final List<Token> tokens;
    final Diagnostics diags;
    int pos;
    /** The function whose body is being parsed, for __func__; null at file scope. */
    String currentFunction;
    private final Deque<Map<String, Boolean>> scopes = new ArrayDeque<>();
    int errorCount;
    /** gcc's parser->error: set after a syntax error, so cascading errors stay silent until resync. */
    boolean errorState;

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
        CpuLimit.tick();
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
        reportMissing(s, null);
        throw new SyntaxError();
    }

    /**
     * gcc's c_parser_require: consumes {@code s} if it is next, else reports it missing (with the
     * fix-it gcc suggests) and returns false without consuming anything.
     */
    boolean require(String s, Span matching) {
        if (at(s)) {
            next();
            return true;
        }
        reportMissing(s, matching);
        return false;
    }

    /**
     * gcc's c_parser_skip_until_found: requires {@code s}; if it is missing, skips tokens up to and
     * including the next {@code s} at bracket depth 0, stopping before an unmatched closing bracket.
     * Leaves the error state, so the next syntax error is reported again.
     */
    void skipUntilFound(String s, Span matching) {
        if (require(s, matching)) {
            errorState = false;
            return;
        }
        int depth = 0;
        while (!atEof()) {
            if (depth == 0 && at(s)) {
                next();
                break;
            }
            if (at("{") || at("(") || at("[")) {
                depth++;
            } else if (at("}") || at(")") || at("]")) {
                if (depth-- == 0) break;
            }
            next();
        }
        errorState = false;
    }

    /** "expected ‘s’ before X", located and decorated as gcc's maybe_suggest_missing_token_insertion does. */
    void reportMissing(String s, Span matching) {
        if (errorState) return;
        boolean after = s.equals(")") || s.equals("]") || s.equals(";") || s.equals(",") || s.equals(":");
        boolean before = s.equals("(") || s.equals("[");
        if (!after && !before || pos == 0 && after) {
            reportExpected("expected ‘" + s + "’");
            return;
        }
        errorState = true;
        errorCount++;
        Token t = peek();
        String message = "expected ‘" + s + "’" + beforeText(t);
        java.util.List<Diagnostics.Label> ranges = new java.util.ArrayList<>();
        Span caret;
        // gcc's fix-it goes after the previous token or before the next one; a location inside a macro
        // expansion takes no fix-it (rich_location refuses it), and the error stays at the next token
        // ("printk(KERN_INFO "hello\n")" then "return": expected ‘;’ before ‘return’, at the return)
        String fixit = s;
        if (after && prev().expansion() != null || before && t.expansion() != null) {
            fixit = null;
            after = false;
        }
        if (after) {
            Span p = prev().where();
            caret = new Span(p.file(), p.end(), p.end());
            if (t.kind() != TokenKind.EOF && t.where().file() == p.file()) ranges.add(Diagnostics.Label.of(t.where()));
        } else {
            caret = t.where();
            ranges.add(Diagnostics.Label.of(t.where()));
        }
        boolean noteMatching = false;
        if (matching != null) {
            if (matching.file() == caret.file() && matching.line() == caret.line()) ranges.add(Diagnostics.Label.of(matching));
            else noteMatching = true;
        }
        diags.reportRich(Severity.ERROR, caret, ranges, fixit, fixit == null ? null : caret, message, null);
        if (noteMatching) {
            diags.report(Severity.NOTE, matching, "to match this ‘" + (s.equals(")") ? "(" : "[") + "’", null);
        }
    }

    private static String beforeText(Token t) {
        return switch (t.kind()) {
            case EOF -> " at end of input";
            case KEYWORD, IDENT -> " before ‘" + t.text() + "’";
            case NUMBER -> " before numeric constant";
            case STRING -> " before string constant";
            case CHAR -> " before character constant";
            default -> " before ‘" + t.text() + "’ token";
        };
    }

    /** Reports "{what} before {current token}" at the current token and returns a SyntaxError to throw. */
    SyntaxError error(String what) {
        reportExpected(what);
        return new SyntaxError();
    }

    void reportExpected(String what) {
        if (errorState) return;
        errorState = true;
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
        if (t.kind() == TokenKind.EOF && pos > 0) {
            // gcc puts the end of input at the first token of the last line
            Span last = prev().where();
            int k = pos - 1;
            while (k > 0 && tokens.get(k - 1).where().file() == last.file()
                   && tokens.get(k - 1).where().line() == last.line()) {
                k--;
            }
            span = tokens.get(k).where();
        }
        if (t.kind() != TokenKind.EOF && t.virt() != null) {
            // a token a macro made: at its spelling, with gcc's macro notes (semicolon.c's printk)
            errorCount++;
            diags.reportAt(Severity.ERROR, t.span(), t.virt(), what + where, null);
            return;
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
        errorState = false;
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

    /**
     * gcc's c_parser_next_tokens_start_declaration() "trying a bit harder": in a block, an identifier
     * that names nothing, followed by another identifier, starts a declaration with an unknown type
     * name ("unknown_t x = 0;"), not an expression statement.
     */
    boolean atFileScope() {
        return scopes.size() == 1;
    }

    boolean isUnknownTypeName(int k) {
        return scopes.size() >= 2 && isUnknownName(k);
    }

    /**
     * An identifier no declaration names, followed by another identifier: gcc's "try a bit harder
     * to detect an unknown typename" (c_parser_next_tokens_start_typename), which makes it a type
     * name it reports as unknown. At file scope the parser asks only once declaration specifiers
     * have begun ("static ssize dev_read(...)"); a line that starts with one is parseDeclaration's.
     */
    boolean isUnknownName(int k) {
        Token t = peek(k);
        if (t.kind() != TokenKind.IDENT || peek(k + 1).kind() != TokenKind.IDENT) return false;
        for (Map<String, Boolean> s : scopes) {
            if (s.containsKey(t.text())) return false;
        }
        return true;
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
