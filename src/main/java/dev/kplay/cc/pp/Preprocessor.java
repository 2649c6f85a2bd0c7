package dev.kplay.cc.pp;

import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.MacroLoc;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
 * of a line, and carried out by {@link Directives}.
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
    /** Tokens one translation unit may have after preprocessing (the kernel headers are ~20,000). */
    public static final int MAX_OUTPUT_TOKENS = 1_000_000;

    /** An input frame: a file (file != null) or a macro expansion. Invariant: pos <= size. */
    static final class Frame {
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

    /** The system include root: "" for the kernel's headers, BuiltinHeaders.LIBC for a user program's. */
    String systemRoot = "";

    /** A header of real Linux 6.1 that kplay lacks, when an #include of it was fatal (for the note). */
    String missingLinuxHeader;
    /** A system header a user program asked for that kplay's libc does not have (for the note). */
    String missingLibcHeader;

    /** Stops the compilation after a fatal error (already reported). */
    private static final class Fatal extends RuntimeException {
        Fatal() { super(null, null, false, false); }
    }

    private static final PToken SENTINEL = PToken.of(new Token(TokenKind.EOF, "", null, false, false, null));

    final Map<String, String> userFiles;
    final Diagnostics diags;
    /** The defined macros, in the order of definition (gcc's "did you mean" offers them in that order). */
    final Map<String, Macro> macros = new java.util.LinkedHashMap<>();
    final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private final List<String> prelude = new ArrayList<>();
    private final List<String> forceIncludes = new ArrayList<>();
    private final Directives directives = new Directives(this);
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

    /**
     * A preprocessor set up as kbuild runs gcc on {@code fileName} of a kernel tree, built into vmlinux
     * ("kernel/sys.c"): no MODULE, and {@code #include <...>} looks in the tree's {@code include/}
     * first (the user's files named "include/linux/x.h"), then in kplay's built-in headers.
     */
    public static Preprocessor forBuiltin(Map<String, String> treeFiles, Diagnostics diags, String fileName) {
        Preprocessor pp = new Preprocessor(treeFiles, diags);
        String modFile = fileName.endsWith(".c") ? fileName.substring(0, fileName.length() - 2) : fileName;
        String base = modFile.substring(modFile.lastIndexOf('/') + 1).replace('-', '_');
        pp.prelude.add(Predefined.builtinCommandLine(base, base, modFile));
        pp.forceIncludes.addAll(List.of(Predefined.FORCE_INCLUDES));
        pp.includeDirs.add("include/");
        return pp;
    }

    /** Directories of user files searched for {@code #include <...>} before the built-in headers (-I). */
    final List<String> includeDirs = new ArrayList<>();

    /**
     * A preprocessor set up as gcc runs for a user program ({@code gcc prog.c}): no kernel defines,
     * no forced includes, and the system headers are kplay's libc's (resources/libc/include).
     * {@code optimize}: -O1 and above define __OPTIMIZE__, as gcc does.
     */
    public static Preprocessor forUser(Map<String, String> userFiles, Diagnostics diags, boolean optimize) {
        Preprocessor pp = new Preprocessor(userFiles, diags);
        pp.systemRoot = BuiltinHeaders.LIBC;
        if (!optimize) {
            pp.prelude.add("#undef __OPTIMIZE__\n");
        }
        return pp;
    }

    /** The Linux headers the module's files #include, and those gcc's command line forces in (-include). */
    public List<String> linuxIncludes() {
        List<String> out = new ArrayList<>(forceIncludes);
        out.addAll(directives.linuxIncludes());
        return out;
    }

    /** The macros gcc's "did you mean" may offer (see {@link Macro#suggestable}). */
    public List<String> spellingMacros() {
        return Macro.suggestable(macros.values());
    }

    /** Adds a -D definition ("NAME" or "NAME=VALUE" style: name and its replacement text). */
    public void define(String name, String value) {
        prelude.add("#define " + name + " " + value + "\n");
    }

    /** Preprocesses {@code main}; the tokens end with EOF. Returns null after a fatal error. */
    public List<Token> preprocess(SourceFile main) {
        List<Token> out = new ArrayList<>();
        mainFile = main;
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
            run(p -> {
                if (out.size() >= MAX_OUTPUT_TOKENS) {
                    fatal(p.tok().where(), "preprocessed output has more than " + MAX_OUTPUT_TOKENS
                        + " tokens; kplay stops here");
                }
                out.add(p.tok());
            }, true);
            Token last = mainToks.get(mainToks.size() - 1);
            out.add(new Token(TokenKind.EOF, "", last.span(), true, false, null));
            return out;
        } catch (Fatal f) {
            diags.raw("compilation terminated.");
            if (missingLinuxHeader != null) {
                diags.raw("kplay: note: " + missingLinuxHeader + " is a header of Linux 6.1; kplay does not simulate what it declares yet");
            }
            if (missingLibcHeader != null) {
                diags.raw("kplay: note: <" + missingLibcHeader + "> is not one of the headers of kplay's small libc");
            }
            return null;
        }
    }

    /** The user's files this preprocessor included (headers the module depends on), in include order. */
    public List<String> includedUserFiles() {
        return directives.includedUserFiles();
    }

    static SourceFile sourceOf(List<Token> toks) {
        return toks.get(toks.size() - 1).span().file();
    }

    // ---- the main loop ------------------------------------------------------------------------

    /** Reads and expands tokens until the input ends (or, when {@code directives} is false, a SENTINEL). */
    private void run(Consumer<PToken> sink, boolean directives) {
        while (true) {
            PToken t = next();
            if (t == null || t == SENTINEL) return;
            if (directives && t.tok().atLineStart() && t.is("#") && stack.peek().file != null) {
                this.directives.directive(t.tok());
                continue;
            }
            if (expand(t)) continue;
            if (Lexer.unterminated(t.tok()) && t.tok().expansion() == null) {
                Span sp = t.tok().span();
                String q = Directives.missingQuote(t.tok());
                report(Severity.WARNING, new Span(sp.file(), sp.start(), sp.start() + 1), q);
                report(Severity.ERROR, sp, q);
                continue;
            }
            sink.accept(t);
        }
    }

    /** The next token of the input, popping exhausted frames; null at the very end. */
    private PToken next() {
        CpuLimit.tick();
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.pos < f.size()) {
                PToken t = f.get(f.pos++);
                fromFile = f.file != null;
                if (fromFile) lastLexed = t;
                return t;
            }
            stack.pop();
            if (f.file != null) directives.endOfFile(f);
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
                if (f.file != null) lastLexed = t;
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
    List<PToken> expandAll(List<PToken> toks) {
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
        if (fromFile) {
            invocationStart = tok.where().start();      // a macro the file itself invokes: expansions nest in it
            fromFile = false;
        }
        String name = tok.text();
        if (name.equals("_Pragma")) return pragmaOperator();
        Macro m = macros.get(name);
        if (m == null || t.hide().contains(name)) return false;
        Span exp = tok.expansion() != null ? tok.expansion() : tok.span();
        MacroLoc.Expansion map = new MacroLoc.Expansion(name, tok.span(), tok.virt());
        if (m.builtin() != null) {
            Token r = m.builtin().expand(tok);
            push(List.of(new PToken(new Token(r.kind(), r.text(), tok.span(), false, tok.spaceBefore(), exp,
                new MacroLoc(map, tok.span(), null)), PToken.with(t.hide(), name))));
            return true;
        }
        if (m.objectLike()) {
            Set<String> hs = PToken.with(t.hide(), name);
            List<PToken> body = new ArrayList<>(m.body().size());
            for (int i = 0; i < m.body().size(); i++) {
                Token b = m.body().get(i);
                body.add(new PToken(new Token(b.kind(), b.text(), b.span(), false,
                    i == 0 ? tok.spaceBefore() : b.spaceBefore(), exp, new MacroLoc(map, b.span(), null)), hs));
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
                invocationErrors.unterminated(name, consumed.get(consumed.size() - 1).tok().where());
                sinkUnexpanded(t);      // what was read is gone, the name stays
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
            invocationErrors.wrongCount(m, msg, lastLexed != null ? lastLexed.tok().where() : rparen.tok().where());
            sinkUnexpanded(t);
            return true;
        }
        Set<String> hs = PToken.with(PToken.intersect(t.hide(), rparen.hide()), name);
        List<PToken> body = new Substitution(m, args, exp, map, this::expandAll, diags).run();
        List<PToken> result = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            PToken b = body.get(i);
            Token bt = b.tok();
            if (i == 0 && bt.spaceBefore() != tok.spaceBefore()) {
                bt = bt.spaced(tok.spaceBefore());
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

    // ---- diagnostics ---------------------------------------------------------------------------

    void report(Severity s, Span at, String message) {
        report(s, at, message, null);
    }

    /**
     * Reports through the one diagnostics path, which precedes it with gcc's include chain
     * ("In file included from a.h:2,\n                 from x.c:3:") when the diagnostic is in a
     * header whose line map differs from the last one reported in.
     */
    void report(Severity s, Span at, String message, String option) {
        diags.reportIncluded(s, at, message, option, includeChain(at.file()));
    }

    /**
     * The chain of #includes that led to {@code file} as the input stack has it now (a header
     * including itself is on it many times), outermost last.
     */
    private List<String> includeChain(SourceFile file) {
        List<Frame> files = new ArrayList<>();
        for (Frame f : stack) if (f.file != null && f.key != null) files.add(f);
        int i = 0;
        while (i < files.size() && files.get(i).file != file) i++;
        List<String> out = new ArrayList<>();
        for (int k = i; k + 1 < files.size() && files.get(k).includeLine > 0; k++) {
            out.add(files.get(k + 1).file.name() + ":" + files.get(k).includeLine);
        }
        return out;
    }

    /** The file being preprocessed: diagnostics in it wait for the parser (Diagnostics.deferToParse). */
    private SourceFile mainFile;
    private final InvocationErrors invocationErrors = new InvocationErrors(this);
    /**
     * The last token read from a file (libcpp's location for an error inside an expansion: in the
     * arguments of pr_info, the closing parenthesis of pr_info's), whether the token next() gave last
     * came from a file, and where the macro invocation written in the file that is expanding started.
     */
    private PToken lastLexed;
    private boolean fromFile;
    int invocationStart;

    SourceFile mainFile() {
        return mainFile;
    }

    void fatal(Span at, String message) {
        diags.reachParse(Integer.MAX_VALUE);        // what was reported before this point comes first
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
