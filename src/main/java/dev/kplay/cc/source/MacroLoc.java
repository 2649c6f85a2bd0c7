package dev.kplay.cc.source;

/**
 * Where a token produced by macro expansion sits in the chain of expansions that made it, as gcc's
 * virtual locations record it (libcpp line-map.cc, -ftrack-macro-expansion=2): each expansion of a
 * macro is a map, and each token of its result has two locations in it, the place in the macro's
 * definition it comes from ({@code def}: the token of the replacement list, or the parameter an
 * argument replaced) and the location it had before this expansion ({@code spelling}: null when
 * that was an ordinary place in a file, i.e. the token's own span; the argument token's virtual
 * location when it was itself made by a macro). gcc unwinds this chain for its "in definition of
 * macro" and "in expansion of macro" notes.
 */
public record MacroLoc(Expansion map, Span def, MacroLoc spelling) {

    /**
     * One expansion of macro {@code macro}, invoked by the token at {@code point} (its span) whose
     * own virtual location is {@code pointVirt} (null when the invocation was written in a file).
     */
    public record Expansion(String macro, Span point, MacroLoc pointVirt) {
        /** The expansion point resolved to a place in a file (gcc's LRK_MACRO_DEFINITION_LOCATION of it). */
        public Span pointDef() {
            return pointVirt != null ? pointVirt.def() : point;
        }
    }

    /** gcc's linemap_unwind_toward_expansion: the next location toward the outermost expansion, or null. */
    public MacroLoc unwind() {
        return spelling != null ? spelling : map.pointVirt();
    }
}
