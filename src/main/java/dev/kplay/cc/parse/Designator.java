package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;

/** {@code .field}, {@code [index]} or the GNU range {@code [lo ... hi]} in initializers and offsetof. */
public sealed interface Designator {
    Span span();

    record Field(Span span, String name) implements Designator {}

    record Index(Span span, Expr index) implements Designator {}

    record Range(Span span, Expr lo, Expr hi) implements Designator {}
}
