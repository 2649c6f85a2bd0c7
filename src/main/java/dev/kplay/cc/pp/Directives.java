package dev.kplay.cc.pp;

import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.pp.Preprocessor.Frame;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preprocessor's directives: conditional groups (#if, #ifdef, #elif, #else, #endif, with the
 * skipping of false groups), #define and #undef, #include with include guards and #pragma once,
 * #error, #warning and #pragma.
 *
 * <p>Split from {@link Preprocessor}, which keeps the input frames, the main loop and macro
 * expansion: a directive reads the rest of its line from the current file frame and acts on the
 * preprocessor's macro table and frame stack. The state only directives use lives here: the open
 * #if groups, the #pragma once set, the include guards found, and the user headers read.
 */
final class Directives {
    private static final Set<String> HAS_OPERATORS = Set.of("__has_attribute", "__has_builtin", "__has_include",
        "__has_include_next", "__has_c_attribute", "__has_cpp_attribute");

    /** One open #if group: where it started, whether a branch was taken, whether #else was seen. */
    private record Cond(Token directive, boolean taken, boolean inElse) {}

    private final Preprocessor pp;
    /** The open #if groups, innermost last; a file frame owns those above its condBase. */
    final List<Cond> conds = new ArrayList<>();
    private final Set<String> pragmaOnce = new HashSet<>();
    private final Map<String, String> guards = new HashMap<>();
    private final Map<String, List<Token>> userTokens = new LinkedHashMap<>();

    Directives(Preprocessor pp) {
        this.pp = pp;
    }

    /** The user's files included so far, in include order. */
    List<String> includedUserFiles() {
        return List.copyOf(userTokens.keySet());
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
            case "include", "include_next" -> include(d, readLine());
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
            pragmaOnce.add(f.key);
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
                HeaderName h = headerName(operand);
                return h != null && resolve(h) != null ? 1 : 0;
            }
            default:
                return 0;
        }
    }

    private static Token numberAt(long v, Token at) {
        return new Token(TokenKind.NUMBER, Long.toString(v), at.span(), false, at.spaceBefore(), at.expansion());
    }

    // ---- #include -----------------------------------------------------------------------------

    /** A header name as written: quoted ("x.h") or angled (&lt;linux/x.h&gt;), and its span for carets. */
    private record HeaderName(String name, boolean quoted, Span span) {}

    private void include(Token d, List<Token> line) {
        HeaderName h = headerName(line);
        if (h == null && !line.isEmpty()) {
            List<PToken> in = new ArrayList<>();
            for (Token t : line) in.add(PToken.of(t));
            List<Token> expanded = new ArrayList<>();
            for (PToken p : pp.expandAll(in)) expanded.add(p.tok());
            h = headerName(expanded);
        }
        if (h == null) {
            pp.report(Severity.ERROR, line.isEmpty() ? d.span() : line.get(0).where(),
                "#" + d.text() + " expects \"FILENAME\" or <FILENAME>");
            return;
        }
        int depth = pp.stack.peek().depth;
        if (depth >= Preprocessor.MAX_INCLUDE_DEPTH) {
            pp.report(Severity.ERROR, h.span(), "#include nested depth " + depth + " exceeds maximum of "
                + Preprocessor.MAX_INCLUDE_DEPTH + " (use -fmax-include-depth=DEPTH to increase the maximum)");
            return;
        }
        String key = resolve(h);
        if (key == null) {
            pp.missingLinuxHeader = pp.systemRoot.isEmpty() && LinuxHeaders.exists(h.name()) ? h.name() : null;
            pp.missingLibcHeader = !pp.systemRoot.isEmpty() && !h.quoted() ? h.name() : null;
            pp.fatal(h.span(), h.name() + ": No such file or directory");
        }
        if (pragmaOnce.contains(key)) return;
        String guard = guards.get(key);
        if (guard != null && pp.macros.containsKey(guard)) return;
        List<Token> toks = key.startsWith("s:") ? BuiltinHeaders.tokens(key.substring(2)) : userTokens(key.substring(2));
        if (toks == null) return;
        if (guard == null) guards.put(key, guardOf(toks));
        Frame header = new Frame(toks, Preprocessor.sourceOf(toks), key, depth + 1, conds.size());
        header.includeLine = d.span().line();
        pp.diags.lineMaps().enter(header.file, pp.stack.peek().file, header.includeLine);
        pp.stack.push(header);
    }

    /** The header name of an #include line, or null if it is not one. */
    private HeaderName headerName(List<Token> line) {
        if (line.isEmpty()) return null;
        Token first = line.get(0);
        if (first.kind() == TokenKind.STRING && first.text().startsWith("\"")) {
            if (first.text().length() < 2 || !first.text().endsWith("\"")) return null;   // unterminated: not a header name
            return new HeaderName(first.text().substring(1, first.text().length() - 1), true, first.span());
        }
        if (first.is("<")) {
            StringBuilder name = new StringBuilder();
            for (int i = 1; i < line.size(); i++) {
                Token t = line.get(i);
                if (t.is(">")) {
                    Span span = first.span().file() == t.span().file() && first.expansion() == null
                        ? first.span().to(t.span()) : first.where();
                    return new HeaderName(name.toString(), false, span);
                }
                if (i > 1 && t.spaceBefore()) name.append(' ');
                name.append(t.text());
            }
        }
        return null;
    }

    /** "u:NAME" for a user file, "s:NAME" for a built-in header, or null if the header does not exist. */
    private String resolve(HeaderName h) {
        Frame cur = null;
        for (Frame f : pp.stack) {
            if (f.file != null) {
                cur = f;
                break;
            }
        }
        if (h.quoted() && cur != null && cur.key != null) {
            String dir = dirOf(cur.key.substring(2));
            String rel = dir + h.name();
            if (cur.key.startsWith("u:") && pp.userFiles.containsKey(rel)) return "u:" + rel;
            if (cur.key.startsWith("s:") && BuiltinHeaders.tokens(rel) != null) return "s:" + rel;
        }
        for (String dir : pp.includeDirs) {
            if (pp.userFiles.containsKey(dir + h.name())) return "u:" + dir + h.name();
        }
        return BuiltinHeaders.tokens(pp.systemRoot + h.name()) != null ? "s:" + pp.systemRoot + h.name() : null;
    }

    private static String dirOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }

    private List<Token> userTokens(String name) {
        List<Token> toks = userTokens.get(name);
        if (toks == null) {
            String text = pp.userFiles.get(name);
            if (text.length() > Preprocessor.MAX_SOURCE_CHARS) {
                pp.fatal(null, name + ": file is larger than kplay's limit of " + Preprocessor.MAX_SOURCE_CHARS + " characters");
            }
            toks = Lexer.tokenize(new SourceFile(name, text), pp.diags);
            userTokens.put(name, toks);
        }
        return toks;
    }

    /** The include-guard macro of a file wrapped in #ifndef X / #define X ... #endif, or "". */
    private static String guardOf(List<Token> toks) {
        int n = toks.size() - 1;
        if (n < 5 || !toks.get(0).is("#") || !toks.get(1).text().equals("ifndef")) return "";
        String guard = toks.get(2).text();
        int depth = 0;
        for (int i = 0; i < n; i++) {
            Token t = toks.get(i);
            if (!t.atLineStart() || !t.is("#") || i + 1 >= n) continue;
            String d = toks.get(i + 1).text();
            if (d.equals("if") || d.equals("ifdef") || d.equals("ifndef")) {
                depth++;
            } else if (d.equals("endif")) {
                depth--;
                if (depth == 0) {
                    int j = i + 2;
                    while (j < n && !toks.get(j).atLineStart()) j++;
                    return j == n ? guard : "";
                }
            } else if ((d.equals("else") || d.equals("elif")) && depth == 1) {
                return "";
            }
        }
        return "";
    }
}
