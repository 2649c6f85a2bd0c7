package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;

import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Initializer;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared name: an object (variable), a function, an enumeration constant or a typedef.
 * The checker creates one per declaration and resolves every identifier use to it (side table
 * {@link Typed#refs}); lowering gives it a frame offset or a symbol.
 *
 * <p>Mutable by design: a file-scope name gathers its definition, attributes and use counts as
 * the translation unit is read, the way gcc's DECL nodes do.
 */
public final class Obj {
    public enum Kind { VAR, FUNC, ENUM_CONST, TYPEDEF }

    public final String name;
    public final Kind kind;
    public Type type;
    public Span span;
    /** File scope (or a block-scope extern/static, which lives at file level). */
    public boolean fileScope;
    /** Internal linkage or a static local: a local symbol. */
    public boolean isStatic;
    public boolean isExtern;
    public boolean isParam;
    public boolean inline;
    public boolean defined;
    /** Referenced by an expression (gcc's TREE_USED). */
    public boolean used;
    /** Read (not only written): -Wunused-but-set. */
    public boolean read;
    /** Whether the variable is assigned, incremented or has its address taken anywhere (its initial value is not all it holds). */
    public boolean written;
    public long enumValue;
    public final List<Attribute> attrs = new ArrayList<>();
    public Initializer init;
    public Decl.FunctionDef def;
    /** The symbol name in the object file ("count", or "count.0" for a static local). */
    public String symbol;
    /** Where the symbol was first declared (for "previous declaration" notes). */
    public Span firstSpan;
    /** The -Wunused-function / -Wunused-variable check has been done or is not wanted. */
    public boolean noUnusedWarning;
    /** A function declared implicitly by a call (C89 rules, an error in the kernel). */
    public boolean implicit;
    /** Made up for an undeclared identifier: uses of it stay silent, as gcc's error_mark_node. */
    public boolean erroneous;
    /** For functions: where each parameter was declared (gcc's "expected ... but argument is" notes point there). */
    public List<Span> paramSpans = List.of();
    /** For functions: each parameter's whole declaration ("int *p"), underlined in those notes. */
    public List<Span> paramRanges = List.of();
    /**
     * For a header's static inline function: what its body asks of its parameters that gcc answers
     * after inlining it into each caller (Typed.Hidden); each becomes a hidden argument its callers
     * pass. Null if none.
     */
    public List<Typed.Hidden> hidden;
    /** For such a function: its calls of error or warning functions, reported at the callers where they stay (see InlineChecks). Null if none. */
    public List<Typed.GuardedCall> attributeCalls;

    /** The index of hidden query (param, kind), added if new. */
    public int hiddenIndex(int param, int kind) {
        if (hidden == null) hidden = new ArrayList<>();
        int i = hidden.indexOf(new Typed.Hidden(param, kind));
        if (i < 0) {
            hidden.add(new Typed.Hidden(param, kind));
            i = hidden.size() - 1;
        }
        return i;
    }

    public Obj(String name, Kind kind, Type type, Span span) {
        this.name = name;
        this.kind = kind;
        this.type = type;
        this.span = span;
        this.firstSpan = span;
        this.symbol = name;
    }

    public boolean isFunction() { return kind == Kind.FUNC; }

    /** A function that never returns: __attribute__((noreturn)) (__noreturn) or _Noreturn. */
    public boolean noreturn() {
        return attr("noreturn") != null || def != null && def.specs().noreturn();
    }

    /** The first attribute called {@code name} (the parser stores __name__ as name), or null. */
    public Attribute attr(String name) {
        for (Attribute a : attrs) {
            if (a.name().equals(name)) return a;
        }
        return null;
    }

    @Override
    public String toString() { return name; }
}
