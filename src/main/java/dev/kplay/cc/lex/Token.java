package dev.kplay.cc.lex;

import dev.kplay.cc.source.MacroLoc;
import dev.kplay.cc.source.Span;

/**
 * A C token as the preprocessor hands it to the parser.
 *
 * <p>{@code text} is the spelling ("0x10UL", "\"a\\n\"", "&lt;&lt;="); {@code span} is where it was
 * written (for a token that came out of a macro body, inside the macro definition); {@code expansion}
 * is, for such a token, the span of the outermost macro invocation it came from, else null;
 * {@code virt} is its full chain of expansions (gcc's virtual location), else null. {@code atLineStart} and {@code spaceBefore}
 * matter to the preprocessor (directives, stringizing) and to nothing after it.
 */
public record Token(TokenKind kind, String text, Span span, boolean atLineStart, boolean spaceBefore, Span expansion,
                    MacroLoc virt) {
    public Token(TokenKind kind, String text, Span span, boolean atLineStart, boolean spaceBefore, Span expansion) {
        this(kind, text, span, atLineStart, spaceBefore, expansion, null);
    }

    /** The same token at another place in the expansion chain (see {@link MacroLoc}). */
    public Token at(Span expansion, MacroLoc virt) {
        return new Token(kind, text, span, atLineStart, spaceBefore, expansion, virt);
    }

    /** The same token with {@code spaceBefore} set as given, and not at a line start. */
    public Token spaced(boolean space) {
        return new Token(kind, text, span, false, space, expansion, virt);
    }

    public boolean is(String s) {
        return (kind == TokenKind.PUNCT || kind == TokenKind.KEYWORD || kind == TokenKind.IDENT) && text.equals(s);
    }

    /** Where a diagnostic about this token points: the invocation for macro-made tokens. */
    public Span where() {
        return expansion != null ? expansion : span;
    }

    @Override
    public String toString() {
        return text;
    }
}
