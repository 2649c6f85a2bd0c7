package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/**
 * One GNU attribute, {@code name} without surrounding underscores ("section", "aligned", "format").
 * Arguments are expressions; bare identifiers such as {@code printf} are {@link Expr.Ident}s.
 */
public record Attribute(Span span, String name, List<Expr> args) {}
