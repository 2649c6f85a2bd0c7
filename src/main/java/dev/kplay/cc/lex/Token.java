package dev.kplay.cc.lex;

import dev.kplay.cc.source.Span;

/**
 * A C token as the preprocessor hands it to the parser.
 *
 * <p>{@code text} is the spelling ("0x10UL", "\"a\\n\"", "&lt;&lt;="); {@code span} is where it was
 * written (for a token that came out of a macro body, inside the macro definition); {@code expansion}
 * is, for such a token, the span of the outermost macro invocation it came from (gcc points there
 * and adds "in expansion of macro" notes), else null. {@code atLineStart} and {@code spaceBefore}
 * matter to the preprocessor (directives, stringizing) and to nothing after it.
 */
public record Token(TokenKind kind, String text, Span span, boolean atLineStart, boolean spaceBefore, Span expansion) {
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
