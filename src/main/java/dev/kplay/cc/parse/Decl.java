package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/**
 * Declarations: what a translation unit is a list of, and what a block may hold besides statements.
 * A declaration names its specifiers once and then any number of declarators, as C writes it; the
 * checker builds each declared type from the specifiers and the declarator's derivations.
 */
public sealed interface Decl {
    Span span();

    /** {@code specs declarator [= init], ... ;} (also typedefs and bare tag declarations). */
    record Declaration(Span span, DeclSpecs specs, List<InitDeclarator> declarators) implements Decl {}

    /** A function definition; {@code body.close()} is the closing brace. */
    /** {@code nested}: the body defines a nested function (GNU C), which kplay parses and refuses. */
    record FunctionDef(Span span, DeclSpecs specs, Declarator declarator, Stmt.Block body, boolean nested) implements Decl {}

    /** {@code _Static_assert(expr, "message");}; message null when omitted (C2x form). */
    record StaticAssert(Span span, Expr cond, String message) implements Decl {}

    /** One declarator of a declaration with its optional initializer and trailing attributes. */
    record InitDeclarator(Declarator declarator, Initializer init, List<Attribute> attrs, String asmLabel) {}

    enum Storage { NONE, TYPEDEF, EXTERN, STATIC, AUTO, REGISTER }

    /**
     * Declaration specifiers: storage class, function specifiers, qualifiers (CONST/VOLATILE bits),
     * the type specifier, alignment and attributes written among them.
     */
    record DeclSpecs(Span span, Storage storage, boolean inline, boolean noreturn, int quals,
                     TypeSpec type, List<Attribute> attrs, Expr alignas, boolean threadLocal) {}

    int CONST = 1;
    int VOLATILE = 2;
}
