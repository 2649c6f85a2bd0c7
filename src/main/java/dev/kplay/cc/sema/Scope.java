package dev.kplay.cc.sema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One block scope: ordinary identifiers and struct/union/enum tags (C's two name spaces that nest).
 * {@code order} keeps declaration order, because gcc reports unused variables when a scope is popped,
 * walking its bindings last-declared first; {@code bindings} keeps the order of both name spaces
 * together (an Obj, or a tag's name), as gcc's scope does, for its "did you mean" (Spelling).
 */
final class Scope {
    final Scope parent;
    final Map<String, Obj> names = new HashMap<>();
    final Map<String, Object> tags = new HashMap<>();
    final List<Obj> order = new ArrayList<>();
    final List<Object> bindings = new ArrayList<>();

    /** A tag's place among a scope's bindings. */
    record TagName(String name) {}

    Scope(Scope parent) {
        this.parent = parent;
    }

    Obj lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Obj o = s.names.get(name);
            if (o != null) return o;
        }
        return null;
    }

    Object lookupTag(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Object o = s.tags.get(name);
            if (o != null) return o;
        }
        return null;
    }

    void add(Obj o) {
        names.put(o.name, o);
        order.add(o);
        bindings.add(o);
    }

    /** Declares (or completes) tag {@code name} in this scope. */
    void putTag(String name, Object tag) {
        if (tags.put(name, tag) == null) {
            bindings.add(new TagName(name));
        }
    }

    boolean isFile() { return parent == null; }
}
