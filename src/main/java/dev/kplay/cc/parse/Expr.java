package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/**
 * C expressions as the parser builds them: one record per production, each with the span it was
 * written at. Types, resolutions and constant values live in the checker's side tables
 * ({@code sema.Typed}), keyed by node identity, never on these records.
 */
public sealed interface Expr {
    Span span();

    /** An integer constant; {@code text} is the pp-number spelling ("0x10UL"). */
    record IntLit(Span span, String text) implements Expr {}

    /** A character constant, already decoded; {@code text} is the spelling. */
    record CharLit(Span span, long value, String text) implements Expr {}

    /**
     * Adjacent string literals, concatenated and decoded (no terminating NUL). {@code pieces} are
     * the literal tokens as written (inside a macro definition for macro-made ones) and
     * {@code pieceStarts} the byte offset where each one's bytes begin, so a diagnostic about a
     * format directive can point into the literal the user wrote; {@code pieceVirts} are the
     * pieces' places in macro expansions (null for one written in the file).
     */
    record StrLit(Span span, byte[] bytes, List<Span> pieces, int[] pieceStarts, dev.kplay.cc.source.MacroLoc[] pieceVirts)
            implements Expr {
        public StrLit(Span span, byte[] bytes) {
            this(span, bytes, List.of(), new int[0], new dev.kplay.cc.source.MacroLoc[0]);
        }
    }

    /** A floating constant: parsed so the checker can reject it as gcc does with -mno-sse. */
    record FloatLit(Span span, String text) implements Expr {}

    /** A name; {@code token} is the token it was read from (its macro expansions, for diagnostics), or null. */
    record Ident(Span span, String name, dev.kplay.cc.lex.Token token) implements Expr {
        public Ident(Span span, String name) {
            this(span, name, null);
        }
    }

    /** Where a syntax error was reported instead of an expression (gcc's error_mark_node). */
    record Error(Span span) implements Expr {}

    /**
     * Prefix and postfix operators. {@code op} is one of "-", "+", "~", "!", "*", "&", "++", "--"
     * (prefix) and "post++", "post--".
     */
    record Unary(Span span, String op, Expr operand) implements Expr {}

    /** Binary operators including "&&", "||" and the comma operator ",". */
    record Binary(Span span, String op, Expr left, Expr right, Span opSpan) implements Expr {}

    /** "=" or a compound assignment ("+=", "<<=", ...). */
    record Assign(Span span, String op, Expr target, Expr value, Span opSpan) implements Expr {}

    /** {@code c ? t : e}; {@code then} is null for GNU {@code c ?: e}. */
    record Cond(Span span, Expr cond, Expr then, Expr otherwise) implements Expr {}

    record Call(Span span, Expr callee, List<Expr> args) implements Expr {}

    /** {@code base[index]}; {@code open} is the '[' (where gcc reports subscript errors). */
    record Index(Span span, Expr base, Expr index, Span open) implements Expr {}

    /** {@code base.name} or {@code base->name}. */
    record Member(Span span, Expr base, String name, boolean arrow, Span nameSpan, Span opSpan) implements Expr {}

    record Cast(Span span, TypeName type, Expr operand) implements Expr {}

    /** {@code sizeof expr} / {@code _Alignof expr} ({@code align} true). */
    record SizeofExpr(Span span, Expr operand, boolean align) implements Expr {}

    /** {@code sizeof(type)} / {@code _Alignof(type)}. */
    record SizeofType(Span span, TypeName type, boolean align) implements Expr {}

    /** {@code (type){ init }}. */
    record CompoundLit(Span span, TypeName type, Initializer init) implements Expr {}

    /** GNU statement expression {@code ({ ... })}: its value is the last expression statement's. */
    record StmtExpr(Span span, Stmt.Block body) implements Expr {}

    /** {@code __builtin_offsetof(type, a.b[3])}. */
    record Offsetof(Span span, TypeName type, List<Designator> path) implements Expr {}

    /** {@code __builtin_types_compatible_p(t1, t2)}. */
    record TypesCompatible(Span span, TypeName a, TypeName b) implements Expr {}

    /** {@code __builtin_va_arg(ap, type)}. */
    record VaArg(Span span, Expr ap, TypeName type) implements Expr {}

    /** {@code _Generic(ctl, type: e, default: e)}; a null type is the default association. */
    record Generic(Span span, Expr control, List<TypeName> types, List<Expr> values) implements Expr {}
}
