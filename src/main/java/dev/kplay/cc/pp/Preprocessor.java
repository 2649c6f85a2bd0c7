package dev.kplay.cc.pp;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The C preprocessor (translation phase 4), modelled on chibicc's preprocess.c.
 *
 * <p>Input is a stack of frames: a file's tokens, or the tokens of one macro expansion waiting to be
 * rescanned. {@link #next()} reads from the top frame; #include pushes the header's tokens, an
 * expansion pushes its result, so rescanning and "the rest of the file" are the same loop. Recursion is
 * stopped by hide sets (see {@link PToken}). Directives are only recognised in file frames, at the start
 * of a line.
 *
 * <p>Bad input must never hang or exhaust the server, so three limits apply: include depth 200 (gcc's
 * own limit and message), a budget of tokens produced by macro expansion, and a size limit on each
 * source file. Diagnostics use gcc's wording; a missing header is a fatal error that stops the
 * compilation, as in gcc ("compilation terminated.").
 */
public final class Preprocessor {
    public static final int MAX_INCLUDE_DEPTH = 200;
    public static final long EXPANSION_BUDGET = 1_000_000;
    public static final int MAX_SOURCE_CHARS = 256 * 1024;

    /** An input frame: a file (file != null) or a macro expansion. Invariant: pos <= size. */
    private static final class Frame {
        final List<Token> fileToks;     // file frames: the tokens without EOF
        final List<PToken> macroToks;   // expansion frames
        final SourceFile file;
        final String key;               // "u:" / "s:" + name, for #pragma once; null for expansions
        final int depth;                // include depth, main file = 1
        final int condBase;             // conds.size() when the file was entered
        int includeLine;                // line of the #include in the includer; 0 for the main file
        int pos;

        Frame(List<Token> toks, SourceFile file, String key, int depth, int condBase) {
            this.fileToks = toks.subList(0, toks.size() - 1);
            this.macroToks = null;
            this.file = file;
            this.key = key;
            this.depth = depth;
            this.condBase = condBase;
        }

        Frame(List<PToken> toks) {
            this.fileToks = null;
            this.macroToks = toks;
            this.file = null;
            this.key = null;
            this.depth = 0;
            this.condBase = 0;
        }

        int size() { return file != null ? fileToks.size() : macroToks.size(); }

        PToken get(int i) { return file != null ? PToken.of(fileToks.get(i)) : macroToks.get(i); }

        Token raw(int i) { return file != null ? fileToks.get(i) : macroToks.get(i).tok(); }
    }

    /** One open #if group: where it started, whether a branch was taken, whether #else was seen. */
    private record Cond(Token directive, boolean taken, boolean inElse) {}

    /** Stops the compilation after a fatal error (already reported). */
    /** A header of real Linux 6.1 that kplay lacks, when an #include of it was fatal (for the note). */
    private String missingLinuxHeader;

    private static final class Fatal extends RuntimeException {
        Fatal() { super(null, null, false, false); }
    }

    private static final PToken SENTINEL = PToken.of(new Token(TokenKind.EOF, "", null, false, false, null));
    private static final Set<String> HAS_OPERATORS = Set.of("__has_attribute", "__has_builtin", "__has_include",
        "__has_include_next", "__has_c_attribute", "__has_cpp_attribute");

    private final Map<String, String> userFiles;
    private final Diagnostics diags;
    private final Map<String, Macro> macros = new HashMap<>();
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private final List<Cond> conds = new ArrayList<>();
    private final Set<String> pragmaOnce = new HashSet<>();
    private final Map<String, String> guards = new HashMap<>();
    private final Map<String, List<Token>> userTokens = new java.util.LinkedHashMap<>();
    private final List<String> prelude = new ArrayList<>();
    private final List<String> forceIncludes = new ArrayList<>();
    private int counter;
    private long produced;

    /**
     * @param userFiles the user's files by name ("hello-3.c", "common.h"): targets of {@code #include "..."}
     * @param diags     where diagnostics go
     */
    public Preprocessor(Map<String, String> userFiles, Diagnostics diags) {
        this.userFiles = userFiles;
        this.diags = diags;
        defineBuiltins();
        prelude.add(Predefined.BUILTIN);
    }

    /** A preprocessor set up as kbuild runs gcc on {@code fileName}, a module of its own. */
    public static Preprocessor forKbuild(Map<String, String> userFiles, Diagnostics diags, String fileName) {
        String base = fileName.endsWith(".c") ? fileName.substring(0, fileName.length() - 2) : fileName;
        return forKbuild(userFiles, diags, fileName, base);
    }

    /**
     * A preprocessor set up as kbuild runs gcc on {@code fileName}, one object of module {@code module}
     * ("startstop" for start.c): KBUILD_BASENAME names the object, KBUILD_MODNAME the module.
     */
    public static Preprocessor forKbuild(Map<String, String> userFiles, Diagnostics diags, String fileName,
                                         String module) {
        Preprocessor pp = new Preprocessor(userFiles, diags);
        String base = fileName.endsWith(".c") ? fileName.substring(0, fileName.length() - 2) : fileName;
        String modName = module.replace('-', '_');
        pp.prelude.add(Predefined.commandLine(modName, base.replace('-', '_'), module));
        pp.forceIncludes.addAll(List.of(Predefined.FORCE_INCLUDES));
        return pp;
    }

    /** Adds a -D definition ("NAME" or "NAME=VALUE" style: name and its replacement text). */
    public void define(String name, String value) {
        prelude.add("#define " + name + " " + value + "\n");
    }

    /** Preprocesses {@code main}; the tokens end with EOF. Returns null after a fatal error. */
    public List<Token> preprocess(SourceFile main) {
        List<Token> out = new ArrayList<>();
        try {
            List<Token> mainToks = Lexer.tokenize(main, diags);
            stack.push(new Frame(mainToks, main, "u:" + main.name(), 1, 0));
            for (int i = forceIncludes.size() - 1; i >= 0; i--) {
                String name = forceIncludes.get(i);
                stack.push(new Frame(BuiltinHeaders.tokens(name), sourceOf(BuiltinHeaders.tokens(name)),
                    "s:" + name, 2, 0));
            }
            for (int i = prelude.size() - 1; i >= 0; i--) {
                SourceFile f = new SourceFile(i == 0 ? "<built-in>" : "<command-line>", prelude.get(i));
                stack.push(new Frame(Lexer.tokenize(f, diags), f, null, 1, 0));
            }
            run(p -> out.add(p.tok()), true);
            Token last = mainToks.get(mainToks.size() - 1);
            out.add(new Token(TokenKind.EOF, "", last.span(), true, false, null));
            return out;
        } catch (Fatal f) {
            diags.raw("compilation terminated.");
            if (missingLinuxHeader != null) {
                diags.raw("kplay: note: " + missingLinuxHeader + " is a header of Linux 6.1; kplay does not simulate what it declares yet");
            }
            return null;
        }
    }

    /** The user's files this preprocessor included (headers the module depends on), in include order. */
    public List<String> includedUserFiles() {
        return List.copyOf(userTokens.keySet());
    }

    private static SourceFile sourceOf(List<Token> toks) {
        return toks.get(toks.size() - 1).span().file();
    }

    // ---- the main loop ------------------------------------------------------------------------

    /** Reads and expands tokens until the input ends (or, when {@code directives} is false, a SENTINEL). */
    private void run(Consumer<PToken> sink, boolean directives) {
        while (true) {
            PToken t = next();
            if (t == null || t == SENTINEL) return;
            if (directives && t.tok().atLineStart() && t.is("#") && stack.peek().file != null) {
                directive(t.tok());
                continue;
            }
            if (expand(t)) continue;
            if (Lexer.unterminated(t.tok()) && t.tok().expansion() == null) {
                Span sp = t.tok().span();
                String q = missingQuote(t.tok());
                report(Severity.WARNING, new Span(sp.file(), sp.start(), sp.start() + 1), q);
                report(Severity.ERROR, sp, q);
                continue;
            }
            sink.accept(t);
        }
    }

    /** The next token of the input, popping exhausted frames; null at the very end. */
    private PToken next() {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.pos < f.size()) return f.get(f.pos++);
            stack.pop();
            if (f.file != null) endOfFile(f);
        }
        return null;
    }

    /** The next token without consuming it, not looking past the end of the current file; or null. */
    private PToken peek() {
        for (Frame f : stack) {
            if (f.pos < f.size()) return f.get(f.pos);
            if (f.file != null) return null;
        }
        return null;
    }

    /** The next token of a macro's argument list: null at the end of a file or an isolated argument. */
    private PToken nextInArgs() {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.pos < f.size()) {
                PToken t = f.get(f.pos);
                if (t == SENTINEL) return null;
                f.pos++;
                return t;
            }
            if (f.file != null) return null;
            stack.pop();
        }
        return null;
    }

    private void push(List<PToken> toks) {
        produced += toks.size();
        if (produced > EXPANSION_BUDGET) {
            Span at = toks.isEmpty() ? null : toks.get(0).tok().where();
            fatal(at, "macro expansion produced more than " + EXPANSION_BUDGET
                + " tokens; kplay stops here (is a macro expanding without end?)");
        }
        if (!toks.isEmpty()) stack.push(new Frame(toks));
    }

    /** Fully macro-expands an isolated token list (a macro argument, a #if or #include line). */
    private List<PToken> expandAll(List<PToken> toks) {
        List<PToken> in = new ArrayList<>(toks.size() + 1);
        in.addAll(toks);
        in.add(SENTINEL);
        stack.push(new Frame(in));
        List<PToken> out = new ArrayList<>();
        run(out::add, false);
        Frame top = stack.peek();
        if (top != null && top.file == null && top.pos == top.size()) stack.pop();
        return out;
    }

    // ---- macro expansion -----------------------------------------------------------------------

    /** If {@code t} names a macro that applies here, pushes its expansion and returns true. */
    private boolean expand(PToken t) {
        Token tok = t.tok();
        if (tok.kind() != TokenKind.IDENT && tok.kind() != TokenKind.KEYWORD) return false;
        String name = tok.text();
        if (name.equals("_Pragma")) return pragmaOperator();
        Macro m = macros.get(name);
        if (m == null || t.hide().contains(name)) return false;
        Span exp = tok.expansion() != null ? tok.expansion() : tok.span();
        if (m.builtin() != null) {
            Token r = m.builtin().expand(tok);
            push(List.of(new PToken(new Token(r.kind(), r.text(), tok.span(), false, tok.spaceBefore(), exp),
                PToken.with(t.hide(), name))));
            return true;
        }
        if (m.objectLike()) {
            Set<String> hs = PToken.with(t.hide(), name);
            List<PToken> body = new ArrayList<>(m.body().size());
            for (int i = 0; i < m.body().size(); i++) {
                Token b = m.body().get(i);
                body.add(new PToken(new Token(b.kind(), b.text(), b.span(), false,
                    i == 0 ? tok.spaceBefore() : b.spaceBefore(), exp), hs));
            }
            push(body);
            return true;
        }
        PToken paren = peek();
        if (paren == null || !paren.is("(")) return false;
        List<PToken> consumed = new ArrayList<>();
        consumed.add(next());
        List<List<PToken>> args = new ArrayList<>();
        List<PToken> cur = new ArrayList<>();
        int depth = 0;
        PToken rparen;
        int fixed = m.params().size() - (m.variadic() ? 1 : 0);
        while (true) {
            PToken a = nextInArgs();
            if (a == null) {
                report(Severity.ERROR, tok.where(), "unterminated argument list invoking macro \"" + name + "\"");
                return true;
            }
            consumed.add(a);
            if (depth == 0 && a.is(")")) {
                args.add(cur);
                rparen = a;
                break;
            }
            if (depth == 0 && a.is(",") && !(m.variadic() && args.size() == fixed)) {
                args.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            if (a.is("(")) depth++;
            else if (a.is(")")) depth--;
            cur.add(a);
        }
        int want = m.params().size();
        if (want == 0 && args.size() == 1 && args.get(0).isEmpty()) args.clear();
        if (m.variadic() && args.size() == want - 1) args.add(List.of());
        if (args.size() != want) {
            String msg = args.size() < want
                ? "macro \"" + name + "\" requires " + want + " arguments, but only " + args.size() + " given"
                : "macro \"" + name + "\" passed " + args.size() + " arguments, but takes just " + want;
            report(Severity.ERROR, tok.where(), msg);
            report(Severity.NOTE, m.where(), "macro \"" + name + "\" defined here");
            push(consumed);
            sinkUnexpanded(t);
            return true;
        }
        Set<String> hs = PToken.with(PToken.intersect(t.hide(), rparen.hide()), name);
        List<PToken> body = new Substitution(m, args, exp, this::expandAll, diags).run();
        List<PToken> result = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            PToken b = body.get(i);
            Token bt = b.tok();
            if (i == 0 && bt.spaceBefore() != tok.spaceBefore()) {
                bt = new Token(bt.kind(), bt.text(), bt.span(), false, tok.spaceBefore(), bt.expansion());
            }
            result.add(new PToken(bt, PToken.union(b.hide(), hs)));
        }
        push(result);
        return true;
    }

    /** Puts the name of a macro invocation that failed back in the input, marked not to expand again. */
    private void sinkUnexpanded(PToken t) {
        stack.push(new Frame(List.of(new PToken(t.tok(), PToken.with(t.hide(), t.text())))));
    }

    /** _Pragma("...") is consumed; kplay honours no pragma operators. */
    private boolean pragmaOperator() {
        PToken p = peek();
        if (p == null || !p.is("(")) return false;
        next();
        int depth = 1;
        while (depth > 0) {
            PToken a = nextInArgs();
            if (a == null) break;
            if (a.is("(")) depth++;
            else if (a.is(")")) depth--;
        }
        return true;
    }

    private void defineBuiltins() {
        builtin("__FILE__", at -> string(at.where().file().name()));
        builtin("__BASE_FILE__", at -> string(stack.getLast().file.name()));
        builtin("__LINE__", at -> number(Integer.toString(at.where().line())));
        builtin("__COUNTER__", at -> number(Integer.toString(counter++)));
        builtin("__INCLUDE_LEVEL__", at -> number(Integer.toString(Math.max(0, currentDepth() - 1))));
        builtin("__DATE__", at -> string("Jan  1 2024"));
        builtin("__TIME__", at -> string("00:00:00"));
        builtin("__TIMESTAMP__", at -> string("Mon Jan  1 00:00:00 2024"));
    }

    private void builtin(String name, Macro.Builtin b) {
        macros.put(name, new Macro(name, null, false, List.of(), null, b));
    }

    private static Token string(String s) {
        return new Token(TokenKind.STRING, "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
            null, false, false, null);
    }

    private static Token number(String s) {
        return new Token(TokenKind.NUMBER, s, null, false, false, null);
    }

    private int currentDepth() {
        for (Frame f : stack) {
            if (f.file != null) return f.depth;
        }
        return 0;
    }

    // ---- directives ----------------------------------------------------------------------------

    /** The rest of the directive line (raw tokens of the current file frame); warns of unterminated quotes. */
    private List<Token> readLine() {
        Frame f = stack.peek();
        List<Token> line = new ArrayList<>();
        while (f.pos < f.size() && !f.raw(f.pos).atLineStart()) {
            Token t = f.raw(f.pos++);
            if (Lexer.unterminated(t)) {
                Span sp = t.span();
                report(Severity.WARNING, new Span(sp.file(), sp.start(), sp.start() + 1), missingQuote(t));
            }
            line.add(t);
        }
        return line;
    }

    private static String missingQuote(Token t) {
        return "missing terminating " + (t.kind() == TokenKind.CHAR ? '\'' : '"') + " character";
    }

    private void directive(Token hash) {
        Frame f = stack.peek();
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
                    report(Severity.ERROR, d.span(), "no macro name given in #" + name + " directive");
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
                if (c.inElse()) report(Severity.ERROR, d.span(), "#elif after #else");
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
                if (c.inElse()) report(Severity.ERROR, d.span(), "#else after #else");
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
            case "error" -> report(Severity.ERROR, d.span(), "#error" + restOfLine(readLine()));
            case "warning" -> report(Severity.WARNING, d.span(), "#warning" + restOfLine(readLine()), "cpp");
            case "pragma" -> pragma(readLine(), f);
            case "line", "ident", "sccs", "assert", "unassert" -> readLine();
            default -> {
                if (d.kind() == TokenKind.NUMBER) {
                    readLine();
                } else {
                    report(Severity.ERROR, d.span(), "invalid preprocessing directive #" + name);
                    readLine();
                }
            }
        }
    }

    private Cond topCond(Token d) {
        Frame f = stack.peek();
        if (conds.size() <= f.condBase) {
            report(Severity.ERROR, d.span(), "#" + d.text() + " without #if");
            readLine();
            return null;
        }
        return conds.get(conds.size() - 1);
    }

    private void extraTokens(List<Token> line, int from, String directive) {
        if (line.size() > from) {
            report(Severity.WARNING, line.get(from).span(), "extra tokens at end of #" + directive + " directive");
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
        Frame f = stack.peek();
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

    private void endOfFile(Frame f) {
        while (conds.size() > f.condBase) {
            Cond c = conds.remove(conds.size() - 1);
            report(Severity.ERROR, c.directive().span(), "unterminated #" + c.directive().text());
        }
    }

    private boolean isDefined(String name) {
        return macros.containsKey(name) || HAS_OPERATORS.contains(name);
    }

    private void define(Token d, List<Token> line) {
        if (line.isEmpty()) {
            report(Severity.ERROR, d.span(), "no macro name given in #define directive");
            return;
        }
        Token name = line.get(0);
        if (name.kind() != TokenKind.IDENT && name.kind() != TokenKind.KEYWORD) {
            report(Severity.ERROR, name.span(), "macro names must be identifiers");
            return;
        }
        if (name.text().equals("defined")) {
            report(Severity.ERROR, name.span(), "\"defined\" cannot be used as a macro name");
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
                    report(Severity.ERROR, name.span(), "missing ')' in macro parameter list");
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
                        report(Severity.ERROR, p.span(), "duplicate macro parameter \"" + p.text() + "\"");
                        return;
                    }
                    params.add(p.text());
                    i++;
                    if (i < line.size() && line.get(i).is("...")) {
                        variadic = true;
                        i++;
                    }
                } else {
                    report(Severity.ERROR, p.span(), "expected parameter name, found \"" + p.text() + "\"");
                    return;
                }
                if (i < line.size() && line.get(i).is(")")) {
                    i++;
                    break;
                }
                if (variadic || i >= line.size() || !line.get(i).is(",")) {
                    Token bad = i < line.size() ? line.get(i) : name;
                    report(Severity.ERROR, bad.span(), i < line.size()
                        ? "expected ',' or ')', found \"" + bad.text() + "\"" : "missing ')' in macro parameter list");
                    return;
                }
                i++;
            }
        }
        List<Token> body = List.copyOf(line.subList(i, line.size()));
        if (!body.isEmpty() && (body.get(0).is("##") || body.get(body.size() - 1).is("##"))) {
            Token at = body.get(0).is("##") ? body.get(0) : body.get(body.size() - 1);
            report(Severity.ERROR, at.span(), "'##' cannot appear at either end of a macro expansion");
            return;
        }
        if (params != null) {
            for (int k = 0; k < body.size(); k++) {
                if (body.get(k).is("#") && (k + 1 >= body.size() || !params.contains(body.get(k + 1).text()))) {
                    report(Severity.ERROR, body.get(k).span(), "'#' is not followed by a macro parameter");
                    return;
                }
            }
        }
        Macro m = new Macro(name.text(), params == null ? null : List.copyOf(params), variadic, body, name.span(), null);
        Macro old = macros.get(name.text());
        if (old != null && (old.builtin() != null || !old.sameAs(m))) {
            report(Severity.WARNING, name.span(), "\"" + name.text() + "\" redefined");
            if (old.where() != null) {
                report(Severity.NOTE, old.where(), "this is the location of the previous definition");
            }
        }
        macros.put(name.text(), m);
    }

    private void undef(Token d, List<Token> line) {
        if (line.isEmpty()) {
            report(Severity.ERROR, d.span(), "no macro name given in #undef directive");
            return;
        }
        macros.remove(line.get(0).text());
        extraTokens(line, 1, "undef");
    }

    // ---- #if ----------------------------------------------------------------------------------

    private boolean ifExpression(Token d, List<Token> line) {
        List<PToken> pre = new ArrayList<>();
        if (!replaceOperators(line, pre, d)) return false;
        List<PToken> expanded = expandAll(pre);
        List<Token> toks = new ArrayList<>();
        List<PToken> post = new ArrayList<>();
        List<Token> raw = new ArrayList<>();
        for (PToken p : expanded) raw.add(p.tok());
        if (!replaceOperators(raw, post, d)) return false;
        for (PToken p : post) toks.add(p.tok());
        try {
            return ConstExpr.evaluate(toks, d) != 0;
        } catch (ConstExpr.Error e) {
            report(Severity.ERROR, e.at.where() != null ? e.at.where() : d.span(), e.getMessage());
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
                    report(Severity.ERROR, t.where(), "operator \"defined\" requires an identifier");
                    return false;
                }
                boolean v = isDefined(line.get(j).text());
                if (paren) {
                    j++;
                    if (j >= line.size() || !line.get(j).is(")")) {
                        report(Severity.ERROR, t.where(), "missing ')' after \"defined\"");
                        return false;
                    }
                }
                out.add(PToken.of(numberAt(v ? 1 : 0, t)));
                i = j;
            } else if (t.kind() == TokenKind.IDENT && HAS_OPERATORS.contains(text)) {
                int close = i + 1;
                if (close >= line.size() || !line.get(close).is("(")) {
                    report(Severity.ERROR, t.where(), "missing '(' before \"" + text + "\" operand");
                    return false;
                }
                int depth = 0;
                for (; close < line.size(); close++) {
                    if (line.get(close).is("(")) depth++;
                    else if (line.get(close).is(")") && --depth == 0) break;
                }
                if (close >= line.size()) {
                    report(Severity.ERROR, t.where(), "missing ')' after \"" + text + "\" operand");
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
            for (PToken p : expandAll(in)) expanded.add(p.tok());
            h = headerName(expanded);
        }
        if (h == null) {
            report(Severity.ERROR, line.isEmpty() ? d.span() : line.get(0).where(),
                "#" + d.text() + " expects \"FILENAME\" or <FILENAME>");
            return;
        }
        int depth = stack.peek().depth;
        if (depth >= MAX_INCLUDE_DEPTH) {
            report(Severity.ERROR, h.span(), "#include nested depth " + depth + " exceeds maximum of "
                + MAX_INCLUDE_DEPTH + " (use -fmax-include-depth=DEPTH to increase the maximum)");
            return;
        }
        String key = resolve(h);
        if (key == null) {
            missingLinuxHeader = LinuxHeaders.exists(h.name()) ? h.name() : null;
            fatal(h.span(), h.name() + ": No such file or directory");
        }
        if (pragmaOnce.contains(key)) return;
        String guard = guards.get(key);
        if (guard != null && macros.containsKey(guard)) return;
        List<Token> toks = key.startsWith("s:") ? BuiltinHeaders.tokens(key.substring(2)) : userTokens(key.substring(2));
        if (toks == null) return;
        if (guard == null) guards.put(key, guardOf(toks));
        Frame header = new Frame(toks, sourceOf(toks), key, depth + 1, conds.size());
        header.includeLine = d.span().line();
        stack.push(header);
    }

    /** The header name of an #include line, or null if it is not one. */
    private HeaderName headerName(List<Token> line) {
        if (line.isEmpty()) return null;
        Token first = line.get(0);
        if (first.kind() == TokenKind.STRING && first.text().startsWith("\"")) {
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
        for (Frame f : stack) {
            if (f.file != null) {
                cur = f;
                break;
            }
        }
        if (h.quoted() && cur != null && cur.key != null) {
            String dir = dirOf(cur.key.substring(2));
            String rel = dir + h.name();
            if (cur.key.startsWith("u:") && userFiles.containsKey(rel)) return "u:" + rel;
            if (cur.key.startsWith("s:") && BuiltinHeaders.tokens(rel) != null) return "s:" + rel;
        }
        return BuiltinHeaders.tokens(h.name()) != null ? "s:" + h.name() : null;
    }

    private static String dirOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }

    private List<Token> userTokens(String name) {
        List<Token> toks = userTokens.get(name);
        if (toks == null) {
            String text = userFiles.get(name);
            if (text.length() > MAX_SOURCE_CHARS) {
                fatal(null, name + ": file is larger than kplay's limit of " + MAX_SOURCE_CHARS + " characters");
            }
            toks = Lexer.tokenize(new SourceFile(name, text), diags);
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

    // ---- diagnostics ---------------------------------------------------------------------------

    private void report(Severity s, Span at, String message) {
        report(s, at, message, null);
    }

    /**
     * Reports through the one diagnostics path, preceded by gcc's include chain
     * ("In file included from a.h:2,\n                 from x.c:3:") when the diagnostic is in a
     * header and the chain differs from the last one printed.
     */
    private void report(Severity s, Span at, String message, String option) {
        if (s != Severity.NOTE) {
            List<String> chain = includeChain(at.file());
            String text = String.join("\n", chain);
            if (!chain.isEmpty() && !text.equals(lastChain)) {
                for (String line : chain) diags.raw(line);
            }
            lastChain = text;
        }
        diags.report(s, at, message, option);
    }

    private String lastChain = "";

    /** gcc's "In file included from" lines for a diagnostic in {@code file}, or none for the main file. */
    private List<String> includeChain(SourceFile file) {
        List<Frame> files = new ArrayList<>();
        for (Frame f : stack) if (f.file != null && f.key != null) files.add(f);
        int i = 0;
        while (i < files.size() && files.get(i).file != file) i++;
        List<String> out = new ArrayList<>();
        for (int k = i; k + 1 < files.size() && files.get(k).includeLine > 0; k++) {
            String where = files.get(k + 1).file.name() + ":" + files.get(k).includeLine;
            out.add((out.isEmpty() ? "In file included from " : "                 from ") + where);
        }
        for (int k = 0; k < out.size(); k++) out.set(k, out.get(k) + (k + 1 < out.size() ? "," : ":"));
        return out;
    }

    private void fatal(Span at, String message) {
        if (at == null) {
            Frame f = null;
            for (Frame x : stack) {
                if (x.file != null) {
                    f = x;
                    break;
                }
            }
            SourceFile file = f != null ? f.file : new SourceFile("<unknown>", "");
            at = new Span(file, 0, 0);
        }
        report(Severity.FATAL, at, message, null);
        throw new Fatal();
    }
}
