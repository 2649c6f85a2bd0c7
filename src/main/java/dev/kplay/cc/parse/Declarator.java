package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/**
 * A declarator: the declared name (null for an abstract declarator) and the derivations applied
 * to the specifiers' type, listed from the name outward. {@code int *a[3]} is a with
 * [Array(3), Pointer]: an array of 3 pointers to int. The type is built by applying the list from
 * its end to the base type.
 */
public record Declarator(Span span, String name, Span nameSpan, List<Derivation> derivations, List<Attribute> attrs,
                         dev.kplay.cc.lex.Token nameToken) {

    public Declarator(Span span, String name, Span nameSpan, List<Derivation> derivations, List<Attribute> attrs) {
        this(span, name, nameSpan, derivations, attrs, null);
    }

    public sealed interface Derivation {}

    /** {@code *} with its qualifiers (Decl.CONST/VOLATILE bits). */
    public record Pointer(int quals, List<Attribute> attrs) implements Derivation {}

    /** {@code [size]}; size null for {@code []}. */
    public record Array(Expr size) implements Derivation {}

    /**
     * {@code (params)}; {@code prototype} false for the old-style empty list {@code ()}.
     * {@code (void)} is a prototype with no parameters.
     */
    public record Function(List<Param> params, boolean variadic, boolean prototype) implements Derivation {}

    public record Param(Span span, Decl.DeclSpecs specs, Declarator declarator) {}

    /** The innermost (last-applied) function derivation makes this a function declarator. */
    public boolean isFunction() {
        return !derivations.isEmpty() && derivations.get(0) instanceof Function;
    }
}
