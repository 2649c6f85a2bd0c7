package dev.kplay.userland;

import java.util.List;

/*
 * The shell's syntax tree, as bash's grammar (simplified to what a kernel-module session needs):
 *
 *   list     := and_or ((';' | '&' | newline) and_or)* [';' | '&']
 *   and_or   := pipeline (('&&' | '||') pipeline)*
 *   pipeline := ['!'] command ('|' command)*
 *   command  := (assignment)* (word | redirect)+
 *
 * Words keep their quoting as segments so that expansion can tell "$x" (one field) from $x
 * (split on blanks) and '*' (literal) from * (a glob).
 */

/** The shell's syntax tree: records, one family per grammar level. */
final class Ast {
    private Ast() {}

    /** A whole input line: jobs run in order; a background job does not wait. */
    record Script(List<Job> jobs) {}

    /** One and_or list, run in the background when {@code background}. */
    record Job(AndOr body, boolean background, String text) {}

    /** pipelines joined by "&amp;&amp;" / "||": ops.get(i) joins pipelines i and i+1. */
    record AndOr(List<Pipeline> pipelines, List<String> ops) {}

    /** commands joined by '|'; {@code negate} for a leading '!'. */
    record Pipeline(List<SimpleCommand> commands, boolean negate) {}

    /** NAME=value prefixes, words, and redirections in source order. */
    record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) {}

    record Assignment(String name, Word value) {}

    /**
     * A redirection: fd &lt; target, fd &gt; target, fd &gt;&gt; target, fd &gt;&amp; dupFd, or &amp;&gt; target
     * ({@code op} is one of "&lt;", "&gt;", "&gt;&gt;", "&gt;&amp;", "&lt;&amp;", "&amp;&gt;").
     */
    record Redirect(int fd, String op, Word target) {}

    /** A word as a list of segments with their quoting. */
    record Word(List<Segment> segments) {
        /** The word's text with quotes removed and no expansion (for error messages). */
        String raw() {
            StringBuilder b = new StringBuilder();
            for (Segment s : segments) {
                if (s instanceof Param p) {
                    b.append('$').append(p.name());
                } else if (s instanceof CmdSubst c) {
                    b.append("$(").append(c.script()).append(')');
                } else {
                    b.append(((Literal) s).text());
                }
            }
            return b.toString();
        }
    }

    /** A piece of a word. */
    sealed interface Segment permits Literal, Param, CmdSubst {}

    /** Literal text; {@code quoted} text takes no part in globbing or tilde expansion. */
    record Literal(String text, boolean quoted) implements Segment {}

    /** $name, ${name}, $?, $!, $$, $#, $0; {@code quoted} inside double quotes (no field splitting). */
    record Param(String name, boolean quoted) implements Segment {}

    /** $(script) or `script`; {@code quoted} inside double quotes (no field splitting). */
    record CmdSubst(String script, boolean quoted) implements Segment {}
}
