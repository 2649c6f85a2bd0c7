package dev.kplay.cc.pp;

import dev.kplay.cc.lex.Token;
import java.util.HashSet;
import java.util.Set;

/**
 * A token inside the preprocessor: the token plus its hide set, the names of the macros whose
 * expansion produced it (Prosser's algorithm, as in chibicc). A name in the hide set is not expanded
 * again, which is what stops {@code #define foo foo} from recursing. Hide sets are immutable and shared.
 */
record PToken(Token tok, Set<String> hide) {
    static final Set<String> NONE = Set.of();

    static PToken of(Token t) {
        return new PToken(t, NONE);
    }

    String text() {
        return tok.text();
    }

    boolean is(String s) {
        return tok.text().equals(s) && tok.kind() != dev.kplay.cc.lex.TokenKind.STRING
            && tok.kind() != dev.kplay.cc.lex.TokenKind.CHAR;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty() || a.containsAll(b)) return a;
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    static Set<String> with(Set<String> a, String name) {
        if (a.contains(name)) return a;
        Set<String> s = new HashSet<>(a);
        s.add(name);
        return Set.copyOf(s);
    }

    static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return NONE;
        Set<String> s = new HashSet<>(a);
        s.retainAll(b);
        return s.isEmpty() ? NONE : Set.copyOf(s);
    }
}
