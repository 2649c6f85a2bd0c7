package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;

/** A type name as in casts, sizeof and compound literals: specifiers plus an abstract declarator. */
public record TypeName(Span span, Decl.DeclSpecs specs, Declarator declarator) {}
