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
 * #include, as GCC's libcpp does it in files.c: the header name (quoted, angled, or a macro that
 * expands to one), the search (a quoted name first beside the including file, then each -I
 * directory, then the built-in system headers), and the multiple-include optimisation: a file read
 * once is tokenized once, and it is not entered again if it said #pragma once or if the include
 * guard that wraps it (#ifndef X / #define X ... #endif) is defined.
 *
 * <p>Split from {@link Directives}: the rest of the directives act on macros and #if groups, this
 * part on files, and the state it keeps (the user files read, the guards found, the #pragma once
 * set) is only its own.
 */
final class Includes {
    private final Preprocessor pp;
    private final Set<String> pragmaOnce = new HashSet<>();
    /** The include guard of each file entered, by key ("" if it has none). */
    private final Map<String, String> guards = new HashMap<>();
    /** The user files read so far, tokenized, by name in include order. */
    private final Map<String, List<Token>> userTokens = new LinkedHashMap<>();

    Includes(Preprocessor pp) {
        this.pp = pp;
    }

    /** The user's files included so far, in include order. */
    List<String> includedUserFiles() {
        return List.copyOf(userTokens.keySet());
    }

    /** The headers of Linux's (kplay's built-in ones) that the module's own files #include, in order. */
    final java.util.Set<String> linuxIncludes = new java.util.LinkedHashSet<>();

    /** #pragma once in the file with this key: it is not entered again. */
    void pragmaOnce(String key) {
        pragmaOnce.add(key);
    }

    /** A header name as written: quoted ("x.h") or angled (&lt;linux/x.h&gt;), and its span for carets. */
    private record HeaderName(String name, boolean quoted, Span span) {}

    /**
     * Handles an #include or #include_next line: the header is found, and unless #pragma once or its
     * include guard says it was read already, its tokens are pushed as a new frame owning the #if
     * groups above {@code condBase}.
     */
    void include(Token d, List<Token> line, int condBase) {
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
        String from = pp.stack.peek().key;
        if (key.startsWith("s:") && from != null && from.startsWith("u:")) {
            linuxIncludes.add(key.substring(2));        // a header of Linux's the module's own files include
        }
        if (pragmaOnce.contains(key)) return;
        String guard = guards.get(key);
        if (guard != null && pp.macros.containsKey(guard)) return;
        List<Token> toks = key.startsWith("s:") ? BuiltinHeaders.tokens(key.substring(2)) : userTokens(key.substring(2));
        if (toks == null) return;
        if (guard == null) guards.put(key, guardOf(toks));
        Frame header = new Frame(toks, Preprocessor.sourceOf(toks), key, depth + 1, condBase);
        header.includeLine = d.span().line();
        pp.diags.lineMaps().enter(header.file, pp.stack.peek().file, header.includeLine);
        pp.stack.push(header);
    }

    /** __has_include: whether the header this line names exists (a search as #include does, nothing read). */
    boolean exists(List<Token> line) {
        HeaderName h = headerName(line);
        return h != null && resolve(h) != null;
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
