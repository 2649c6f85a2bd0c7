package dev.kplay.cc.pp;

import dev.kplay.cc.lex.Token;
import dev.kplay.cc.source.Span;
import java.util.List;

/**
 * A macro as #define made it: object-like ({@code params == null}) or function-like, with its
 * replacement list. A variadic macro's last parameter is its variadic one ("__VA_ARGS__" for
 * {@code ...}, or the GNU named form {@code args...}). {@code builtin} macros (__FILE__, __LINE__,
 * __COUNTER__) compute their single token when expanded; their body is empty.
 */
record Macro(String name, List<String> params, boolean variadic, List<Token> body, Span where, Builtin builtin) {

    /** A dynamic macro: the token it stands for at invocation token {@code at}. */
    interface Builtin {
        Token expand(Token at);
    }

    boolean objectLike() {
        return params == null;
    }

    /** The index of parameter {@code name}, or -1. */
    int paramIndex(String name) {
        return params == null ? -1 : params.indexOf(name);
    }

    /** Same definition in the sense of C11 6.10.3p2 (used to warn about redefinitions). */
    boolean sameAs(Macro o) {
        if (!java.util.Objects.equals(params, o.params) || variadic != o.variadic || body.size() != o.body.size()) {
            return false;
        }
        for (int i = 0; i < body.size(); i++) {
            Token a = body.get(i), b = o.body.get(i);
            if (!a.text().equals(b.text()) || (i > 0 && a.spaceBefore() != b.spaceBefore())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The macros gcc's "did you mean" may offer (c-spellcheck.cc should_suggest_as_macro_p): every
     * defined one except user macros whose names are reserved for the implementation (__KERNEL__,
     * _LINUX_TYPES_H); builtins such as __LINE__ are offered. In the order given (of definition).
     */
    static List<String> suggestable(java.util.Collection<Macro> macros) {
        List<String> out = new java.util.ArrayList<>();
        for (Macro m : macros) {
            String n = m.name();
            boolean reserved = n.length() > 1 && n.charAt(0) == '_' && (n.charAt(1) == '_' || Character.isUpperCase(n.charAt(1)));
            if (m.builtin() != null || !reserved) out.add(n);
        }
        return out;
    }
}
