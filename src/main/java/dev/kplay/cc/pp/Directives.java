package dev.kplay.cc.pp;

import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.pp.Preprocessor.Frame;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The preprocessor's directives: conditional groups (#if, #ifdef, #elif, #else, #endif, with the
 * skipping of false groups), #define and #undef, #error, #warning and #pragma; #include (with
 * include guards and #pragma once) is {@link Includes}'.
 *
 * <p>Split from {@link Preprocessor}, which keeps the input frames, the main loop and macro
 * expansion: a directive reads the rest of its line from the current file frame and acts on the
 * preprocessor's macro table and frame stack. The state only directives use lives here: the open
 * #if groups (the files' own state, the guards and #pragma once, is in Includes).
 */
final class Directives {
    private static final Set<String> HAS_OPERATORS = Set.of("__has_attribute", "__has_builtin", "__has_include",
        "__has_include_next", "__has_c_attribute", "__has_cpp_attribute");

    /** One open #if group: where it started, whether a branch was taken, whether #else was seen. */
    private record Cond(Token directive, boolean taken, boolean inElse) {}

    private final Preprocessor pp;
    /** The open #if groups, innermost last; a file frame owns those above its condBase. */
    final List<Cond> conds = new ArrayList<>();
    /** #include: finding headers, reading them once, include guards and #pragma once. */
    private final Includes includes;

    Directives(Preprocessor pp) {
        this.pp = pp;
        this.includes = new Includes(pp);
    }

    /** The user's files included so far, in include order. */
    java.util.Set<String> linuxIncludes() {
        return includes.linuxIncludes;
    }

    List<String> includedUserFiles() {
        return includes.includedUserFiles();
    }

    // ---- directives ----------------------------------------------------------------------------

    /** The rest of the directive line (raw tokens of the current file frame); warns of unterminated quotes. */
    private List<Token> readLine() {
        Frame f = pp.stack.peek();
        List<Token> line = new ArrayList<>();
        while (f.pos < f.size() && !f.raw(f.pos).atLineStart()) {
            Token t = f.raw(f.pos++);
            if (Lexer.unterminated(t)) {
                Span sp = t.span();
                pp.report(Severity.WARNING, new Span(sp.file(), sp.start(), sp.start() + 1), missingQuote(t));
            }
            line.add(t);
        }
        return line;
    }

    static String missingQuote(Token t) {
        return "missing terminating " + (t.kind() == TokenKind.CHAR ? '\'' : '"') + " character";
    }

    void directive(Token hash) {
        Frame f = pp.stack.peek();
        if (f.pos >= f.size() || f.raw(f.pos).atLineStart()) return;   // the null directive
        Token d = f.raw(f.pos++);
        String name = d.text();
        switch (name) {
            case "define" -> define(d, readLine());
            case "undef" -> undef(d, readLine());
            case "include", "include_next" -> includes.include(d, readLine(), conds.size());
            case "if" -> {
                boolean v = ifExpression(d, readLine());
                conds.add(new Cond(d, v, false));
                if (!v) skipGroup();
            }
            case "ifdef", "ifndef" -> {
                List<Token> line = readLine();
                boolean v;
                if (line.isEmpty()) {
                    pp.report(Severity.ERROR, d.span(), "no macro name given in #" + name + " directive");
                    v = false;
                } else {
                    v = isDefined(line.get(0).text()) == name.equals("ifdef");
                    extraTokens(line, 1, name);
                }
                conds.add(new Cond(d, v, false));
                if (!v) skipGroup();
            }
            case "elif" -> {
                Cond c = topCond(d);
                if (c == null) return;
                if (c.inElse()) pp.report(Severity.ERROR, d.span(), "#elif after #else");
                List<Token> line = readLine();
                if (c.taken()) {
                    skipGroup();
                } else {
                    boolean v = ifExpression(d, line);
                    conds.set(conds.size() - 1, new Cond(c.directive(), v, false));
                    if (!v) skipGroup();
                }
            }
            case "else" -> {
                Cond c = topCond(d);
                if (c == null) return;
                if (c.inElse()) pp.report(Severity.ERROR, d.span(), "#else after #else");
                extraTokens(readLine(), 0, name);
                conds.set(conds.size() - 1, new Cond(c.directive(), true, true));
                if (c.taken()) skipGroup();
            }
            case "endif" -> {
                Cond c = topCond(d);
                if (c == null) return;
                extraTokens(readLine(), 0, name);
                conds.remove(conds.size() - 1);
            }
            case "error" -> pp.report(Severity.ERROR, d.span(), "#error" + restOfLine(readLine()));
            case "warning" -> pp.report(Severity.WARNING, d.span(), "#warning" + restOfLine(readLine()), "cpp");
            case "pragma" -> pragma(readLine(), f);
            case "line", "ident", "sccs", "assert", "unassert" -> readLine();
            default -> {
                if (d.kind() == TokenKind.NUMBER) {
                    readLine();
                } else {
                    pp.report(Severity.ERROR, d.span(), "invalid preprocessing directive #" + name);
                    readLine();
                }
            }
        }
    }

    private Cond topCond(Token d) {
        Frame f = pp.stack.peek();
        if (conds.size() <= f.condBase) {
            pp.report(Severity.ERROR, d.span(), "#" + d.text() + " without #if");
            readLine();
            return null;
        }
        return conds.get(conds.size() - 1);
    }

    private void extraTokens(List<Token> line, int from, String directive) {
        if (line.size() > from) {
            pp.report(Severity.WARNING, line.get(from).span(), "extra tokens at end of #" + directive + " directive");
        }
    }

    /** " text" as written after #error/#warning, or "" when there is none. */
    private static String restOfLine(List<Token> line) {
        if (line.isEmpty()) return "";
        Token a = line.get(0), b = line.get(line.size() - 1);
        return " " + a.span().file().text().substring(a.span().start(), b.span().end());
    }

    private void pragma(List<Token> line, Frame f) {
        if (!line.isEmpty() && line.get(0).text().equals("once") && f.key != null) {
            includes.pragmaOnce(f.key);
        }
    }

    /** Skips a false group: up to the #elif, #else or #endif that matches (left unread). */
    private void skipGroup() {
        Frame f = pp.stack.peek();
        int depth = 0;
        while (f.pos < f.size()) {
            Token t = f.raw(f.pos);
            if (t.atLineStart() && t.is("#") && f.pos + 1 < f.size() && !f.raw(f.pos + 1).atLineStart()) {
                String d = f.raw(f.pos + 1).text();
                if (d.equals("if") || d.equals("ifdef") || d.equals("ifndef")) {
                    depth++;
                } else if (d.equals("endif")) {
                    if (depth == 0) return;
                    depth--;
                } else if ((d.equals("elif") || d.equals("else")) && depth == 0) {
                    return;
                }
            }
            f.pos++;
        }
    }

    void endOfFile(Frame f) {
        while (conds.size() > f.condBase) {
            Cond c = conds.remove(conds.size() - 1);
            pp.report(Severity.ERROR, c.directive().span(), "unterminated #" + c.directive().text());
        }
    }

    private boolean isDefined(String name) {
        return pp.macros.containsKey(name) || HAS_OPERATORS.contains(name);
    }

    private void define(Token d, List<Token> line) {
        if (line.isEmpty()) {
            pp.report(Severity.ERROR, d.span(), "no macro name given in #define directive");
            return;
        }
        Token name = line.get(0);
        if (name.kind() != TokenKind.IDENT && name.kind() != TokenKind.KEYWORD) {
            pp.report(Severity.ERROR, name.span(), "macro names must be identifiers");
            return;
        }
        if (name.text().equals("defined")) {
            pp.report(Severity.ERROR, name.span(), "\"defined\" cannot be used as a macro name");
            return;
        }
        List<String> params = null;
        boolean variadic = false;
        int i = 1;
        if (line.size() > 1 && line.get(1).is("(") && !line.get(1).spaceBefore()) {
            params = new ArrayList<>();
            i = 2;
            while (true) {
                if (i >= line.size()) {
                    pp.report(Severity.ERROR, name.span(), "missing ')' in macro parameter list");
                    return;
                }
                Token p = line.get(i);
                if (params.isEmpty() && p.is(")")) {
                    i++;
                    break;
                }
                if (p.is("...")) {
                    variadic = true;
                    params.add("__VA_ARGS__");
                    i++;
                } else if (p.kind() == TokenKind.IDENT || p.kind() == TokenKind.KEYWORD) {
                    if (params.contains(p.text())) {
                        pp.report(Severity.ERROR, p.span(), "duplicate macro parameter \"" + p.text() + "\"");
                        return;
                    }
                    params.add(p.text());
                    i++;
                    if (i < line.size() && line.get(i).is("...")) {
                        variadic = true;
                        i++;
                    }
                } else {
                    pp.report(Severity.ERROR, p.span(), "expected parameter name, found \"" + p.text() + "\"");
                    return;
                }
                if (i < line.size() && line.get(i).is(")")) {
                    i++;
                    break;
                }
                if (variadic || i >= line.size() || !line.get(i).is(",")) {
                    Token bad = i < line.size() ? line.get(i) : name;
                    pp.report(Severity.ERROR, bad.span(), i < line.size()
                        ? "expected ',' or ')', found \"" + bad.text() + "\"" : "missing ')' in macro parameter list");
                    return;
                }
                i++;
            }
        }
        List<Token> body = List.copyOf(line.subList(i, line.size()));
        if (!body.isEmpty() && (body.get(0).is("##") || body.get(body.size() - 1).is("##"))) {
            Token at = body.get(0).is("##") ? body.get(0) : body.get(body.size() - 1);
            pp.report(Severity.ERROR, at.span(), "'##' cannot appear at either end of a macro expansion");
            return;
        }
        if (params != null) {
            for (int k = 0; k < body.size(); k++) {
                if (body.get(k).is("#") && (k + 1 >= body.size() || !params.contains(body.get(k + 1).text()))) {
                    pp.report(Severity.ERROR, body.get(k).span(), "'#' is not followed by a macro parameter");
                    return;
                }
            }
        }
        Macro m = new Macro(name.text(), params == null ? null : List.copyOf(params), variadic, body, name.span(), null);
        Macro old = pp.macros.get(name.text());
        if (old != null && (old.builtin() != null || !old.sameAs(m))) {
            pp.report(Severity.WARNING, name.span(), "\"" + name.text() + "\" redefined");
            if (old.where() != null) {
                pp.report(Severity.NOTE, old.where(), "this is the location of the previous definition");
            }
        }
        pp.macros.put(name.text(), m);
    }

    private void undef(Token d, List<Token> line) {
        if (line.isEmpty()) {
            pp.report(Severity.ERROR, d.span(), "no macro name given in #undef directive");
            return;
        }
        pp.macros.remove(line.get(0).text());
        extraTokens(line, 1, "undef");
    }

    // ---- #if ----------------------------------------------------------------------------------

    private boolean ifExpression(Token d, List<Token> line) {
        List<PToken> pre = new ArrayList<>();
        if (!replaceOperators(line, pre, d)) return false;
        List<PToken> expanded = pp.expandAll(pre);
        List<Token> toks = new ArrayList<>();
        List<PToken> post = new ArrayList<>();
        List<Token> raw = new ArrayList<>();
        for (PToken p : expanded) raw.add(p.tok());
        if (!replaceOperators(raw, post, d)) return false;
        for (PToken p : post) toks.add(p.tok());
        try {
            return ConstExpr.evaluate(toks, d) != 0;
        } catch (ConstExpr.Error e) {
            pp.report(Severity.ERROR, e.at.where() != null ? e.at.where() : d.span(), e.getMessage());
            return false;
        }
    }

    /** Replaces {@code defined X} and the __has_* operators by 0 or 1. False after an error. */
    private boolean replaceOperators(List<Token> line, List<PToken> out, Token d) {
        for (int i = 0; i < line.size(); i++) {
            Token t = line.get(i);
            String text = t.text();
            if (t.kind() == TokenKind.IDENT && text.equals("defined")) {
                int j = i + 1;
                boolean paren = j < line.size() && line.get(j).is("(");
                if (paren) j++;
                if (j >= line.size() || (line.get(j).kind() != TokenKind.IDENT && line.get(j).kind() != TokenKind.KEYWORD)) {
                    pp.report(Severity.ERROR, t.where(), "operator \"defined\" requires an identifier");
                    return false;
                }
                boolean v = isDefined(line.get(j).text());
                if (paren) {
                    j++;
                    if (j >= line.size() || !line.get(j).is(")")) {
                        pp.report(Severity.ERROR, t.where(), "missing ')' after \"defined\"");
                        return false;
                    }
                }
                out.add(PToken.of(numberAt(v ? 1 : 0, t)));
                i = j;
            } else if (t.kind() == TokenKind.IDENT && HAS_OPERATORS.contains(text)) {
                int close = i + 1;
                if (close >= line.size() || !line.get(close).is("(")) {
                    pp.report(Severity.ERROR, t.where(), "missing '(' before \"" + text + "\" operand");
                    return false;
                }
                int depth = 0;
                for (; close < line.size(); close++) {
                    if (line.get(close).is("(")) depth++;
                    else if (line.get(close).is(")") && --depth == 0) break;
                }
                if (close >= line.size()) {
                    pp.report(Severity.ERROR, t.where(), "missing ')' after \"" + text + "\" operand");
                    return false;
                }
                List<Token> operand = line.subList(i + 2, close);
                out.add(PToken.of(numberAt(hasOperator(text, operand), t)));
                i = close;
            } else {
                out.add(PToken.of(t));
            }
        }
        return true;
    }

    private long hasOperator(String op, List<Token> operand) {
        if (operand.isEmpty()) return 0;
        String name = operand.get(0).text();
        switch (op) {
            case "__has_attribute":
                return Predefined.hasAttribute(name);
            case "__has_builtin":
                return Predefined.hasBuiltin(name);
            case "__has_include":
            case "__has_include_next": {
                return includes.exists(operand) ? 1 : 0;
            }
            default:
                return 0;
        }
    }

    private static Token numberAt(long v, Token at) {
        return new Token(TokenKind.NUMBER, Long.toString(v), at.span(), false, at.spaceBefore(), at.expansion());
    }
}
