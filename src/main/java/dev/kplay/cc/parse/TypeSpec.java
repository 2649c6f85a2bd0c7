package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/** The type-specifier part of declaration specifiers, before declarators derive from it. */
public sealed interface TypeSpec {
    Span span();

    /**
     * Keyword specifiers combined: {@code words} are the keywords in source order
     * ("unsigned", "long", "int"), possibly empty (implicit int, which the checker reports).
     */
    record Basic(Span span, List<String> words) implements TypeSpec {}

    record TypedefName(Span span, String name) implements TypeSpec {}

    /**
     * {@code struct/union tag { fields }}; {@code fields} is null for a reference to the tag
     * ({@code struct foo *p}), empty for {@code {}}.
     */
    record StructSpec(Span span, boolean union, String tag, List<Field> fields, List<Attribute> attrs, Span tagSpan) implements TypeSpec {}

    /** A member declaration; a null declarator name is an anonymous struct/union or an unnamed bitfield. */
    record Field(Span span, Decl.DeclSpecs specs, Declarator declarator, Expr bitWidth, List<Attribute> attrs) {}

    /** {@code enum tag { A = 1, B }}; {@code items} null for a reference. */
    record EnumSpec(Span span, String tag, List<Enumerator> items, List<Attribute> attrs) implements TypeSpec {}

    record Enumerator(Span span, String name, Expr value) {}

    /** {@code typeof(expr)}. */
    record TypeofExpr(Span span, Expr expr) implements TypeSpec {}

    /** {@code typeof(type)}. */
    record TypeofType(Span span, TypeName type) implements TypeSpec {}

    /** {@code __builtin_va_list}. */
    record VaList(Span span) implements TypeSpec {}
}
