package dev.kplay.cc.parse;

import dev.kplay.cc.source.Span;
import java.util.List;

/** An initializer: an expression, or a brace list of (designated) items. */
public sealed interface Initializer {
    Span span();

    record Single(Span span, Expr expr) implements Initializer {}

    record List_(Span span, List<Item> items) implements Initializer {}

    /** One item of a brace list; {@code designators} empty when positional. */
    record Item(List<Designator> designators, Initializer init) {}
}
