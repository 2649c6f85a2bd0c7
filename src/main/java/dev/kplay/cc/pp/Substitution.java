package dev.kplay.cc.pp;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.MacroLoc;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Argument substitution for one invocation of a function-like macro (C11 6.10.3.1-3): {@code #param}
 * stringizes the argument as written, an operand of {@code ##} is inserted as written and pasted, and any
 * other parameter is replaced by its fully macro-expanded argument. GNU's {@code , ## __VA_ARGS__} drops
 * the comma when the variable argument is empty, and {@code __VA_OPT__(x)} keeps x only when it is not.
 *
 * <p>Tokens of the replacement list are copied with {@code expansion} set to the invocation, so
 * diagnostics point at the macro use; argument tokens keep their own location, as gcc's do. Every
 * token of the result gets its place in this expansion ({@link MacroLoc}) for gcc's macro notes.
 */
final class Substitution {
    private final Macro macro;
    private final List<List<PToken>> args;
    private final Span expansion;
    private final MacroLoc.Expansion map;
    private final UnaryOperator<List<PToken>> expander;
    private final Diagnostics diags;
    private final Map<Integer, List<PToken>> expanded = new HashMap<>();

    Substitution(Macro macro, List<List<PToken>> args, Span expansion, MacroLoc.Expansion map,
                 UnaryOperator<List<PToken>> expander, Diagnostics diags) {
        this.macro = macro;
        this.args = args;
        this.expansion = expansion;
        this.map = map;
        this.expander = expander;
        this.diags = diags;
    }

    /** The replacement list with arguments substituted (before rescanning). */
    List<PToken> run() {
        List<Token> body = vaOpt(macro.body());
        List<PToken> out = new ArrayList<>();
        int vaIndex = macro.variadic() ? macro.params().size() - 1 : -1;
        boolean placemarker = false;   // the left operand of the next ## was an empty argument
        int n = body.size();
        for (int i = 0; i < n; i++) {
            Token b = body.get(i);
            Token next = i + 1 < n ? body.get(i + 1) : null;
            if (b.is("#") && next != null && macro.paramIndex(next.text()) >= 0) {
                out.add(new PToken(stringize(args.get(macro.paramIndex(next.text())), b), PToken.NONE));
                i++;
                continue;
            }
            if (b.is(",") && next != null && next.is("##") && i + 2 < n
                && vaIndex >= 0 && macro.paramIndex(body.get(i + 2).text()) == vaIndex) {
                List<PToken> va = args.get(vaIndex);
                if (!va.isEmpty()) {
                    out.add(copy(b));
                    addArg(out, va, body.get(i + 2), null);
                }
                i += 2;
                continue;
            }
            if (b.is("##") && next != null) {
                i++;
                int idx = macro.paramIndex(next.text());
                List<PToken> rhs = idx >= 0 ? fromArg(args.get(idx), next) : List.of(copy(next));
                if (rhs.isEmpty()) {
                    continue;
                }
                if (placemarker || out.isEmpty()) {
                    placemarker = false;
                    out.addAll(rhs);
                    continue;
                }
                PToken lhs = out.remove(out.size() - 1);
                out.addAll(paste(lhs, rhs.get(0)));
                out.addAll(rhs.subList(1, rhs.size()));
                continue;
            }
            int idx = macro.paramIndex(b.text());
            if (idx >= 0 && b.kind() != TokenKind.STRING) {
                if (next != null && next.is("##")) {
                    List<PToken> arg = args.get(idx);
                    placemarker = arg.isEmpty();
                    addArg(out, arg, b, b.spaceBefore());
                } else {
                    addArg(out, expanded.computeIfAbsent(idx, k -> expander.apply(args.get(k))), b, b.spaceBefore());
                }
                continue;
            }
            out.add(copy(b));
        }
        return out;
    }

    /** Applies __VA_OPT__(...): its contents if the variable argument has tokens, else nothing. */
    private List<Token> vaOpt(List<Token> body) {
        if (!macro.variadic() || body.stream().noneMatch(t -> t.text().equals("__VA_OPT__"))) return body;
        boolean present = !args.get(args.size() - 1).isEmpty();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            if (t.text().equals("__VA_OPT__") && i + 1 < body.size() && body.get(i + 1).is("(")) {
                int depth = 0;
                int j = i + 1;
                for (; j < body.size(); j++) {
                    if (body.get(j).is("(")) depth++;
                    else if (body.get(j).is(")") && --depth == 0) break;
                }
                if (present) out.addAll(body.subList(i + 2, Math.min(j, body.size())));
                i = j;
                continue;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * Appends the tokens of an argument that replaced parameter {@code param}, each at its place in
     * this expansion (defined at the parameter, spelled where the argument token was); the first one
     * takes {@code space} as its spaceBefore unless {@code space} is null.
     */
    private void addArg(List<PToken> out, List<PToken> arg, Token param, Boolean space) {
        for (int k = 0; k < arg.size(); k++) {
            PToken p = arg.get(k);
            Token t = p.tok();
            boolean sp = k == 0 && space != null ? space : t.spaceBefore();
            out.add(new PToken(new Token(t.kind(), t.text(), t.span(), t.atLineStart() && sp == t.spaceBefore(), sp,
                t.expansion(), new MacroLoc(map, param.span(), t.virt())), p.hide()));
        }
    }

    private List<PToken> fromArg(List<PToken> arg, Token param) {
        List<PToken> out = new ArrayList<>(arg.size());
        addArg(out, arg, param, null);
        return out;
    }

    private PToken copy(Token b) {
        return new PToken(new Token(b.kind(), b.text(), b.span(), false, b.spaceBefore(), expansion,
            new MacroLoc(map, b.span(), null)), PToken.NONE);
    }

    /** #arg: the argument's spelling as a string literal, one space where the argument had white space. */
    private Token stringize(List<PToken> arg, Token hash) {
        StringBuilder s = new StringBuilder("\"");
        for (int k = 0; k < arg.size(); k++) {
            Token t = arg.get(k).tok();
            if (k > 0 && t.spaceBefore()) s.append(' ');
            if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.CHAR) {
                for (char c : t.text().toCharArray()) {
                    if (c == '"' || c == '\\') s.append('\\');
                    s.append(c);
                }
            } else {
                s.append(t.text());
            }
        }
        s.append('"');
        return new Token(TokenKind.STRING, s.toString(), hash.span(), false, hash.spaceBefore(), expansion,
            new MacroLoc(map, hash.span(), null));
    }

    /** lhs ## rhs: one token re-lexed from both spellings, or both unchanged after gcc's error. */
    private List<PToken> paste(PToken lhs, PToken rhs) {
        String text = lhs.text() + rhs.text();
        Diagnostics scratch = new Diagnostics();
        List<Token> toks = Lexer.tokenize(new SourceFile(lhs.tok().span().file().name(), text), scratch);
        if (scratch.hasErrors() || toks.size() != 2) {
            Token at = lhs.tok();
            diags.report(Severity.ERROR, at.where(), "pasting \"" + lhs.text() + "\" and \"" + rhs.text()
                + "\" does not give a valid preprocessing token", null);
            return List.of(lhs, rhs);
        }
        Token l = lhs.tok();
        Token t = new Token(toks.get(0).kind(), text, l.span(), false, l.spaceBefore(),
            l.expansion() != null ? l.expansion() : expansion, l.virt() != null ? l.virt() : new MacroLoc(map, l.span(), null));
        return List.of(new PToken(t, PToken.union(lhs.hide(), rhs.hide())));
    }
}
