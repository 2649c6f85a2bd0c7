package dev.kplay.userland.sh;

import java.util.List;

/*
 * The shell's syntax tree, as bash's grammar (simplified to what a kernel-module session needs):
 *
 *   list     := and_or ((';' | '&' | newline) and_or)* [';' | '&']
 *   and_or   := pipeline (('&&' | '||') pipeline)*
 *   pipeline := ['!'] command ('|' command)*
 *   command  := simple | compound redirect*
 *   simple   := (assignment)* (word | redirect)+
 *   compound := if | while | until | for | case | '{' list '}' | '(' list ')'
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
    record Pipeline(List<Cmd> commands, boolean negate) {}

    /** One stage of a pipeline. */
    sealed interface Cmd permits SimpleCommand, Compound {}

    /** NAME=value prefixes, words, and redirections in source order. */
    record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) implements Cmd {}

    /** A compound command with the redirections that follow its closing word ("done &lt; file"). */
    record Compound(Body body, List<Redirect> redirects) implements Cmd {}

    /** The compound commands. */
    sealed interface Body permits If, Loop, For, Group, Subshell, Case {}

    /** if c1; then b1; elif c2; then b2; else orElse; fi ({@code orElse} empty when absent). */
    record If(List<List<Job>> conditions, List<List<Job>> branches, List<Job> orElse) implements Body {}

    /** while/until condition; do body; done. */
    record Loop(List<Job> condition, boolean until, List<Job> body) implements Body {}

    /** for name in items; do body; done ({@code items} null for "for name; do": the positional parameters). */
    record For(String name, List<Word> items, List<Job> body) implements Body {}

    /** { list; }: runs in the shell itself. */
    record Group(List<Job> body) implements Body {}

    /** ( list ): runs in a copy of the shell; its cd and variables do not stick. */
    record Subshell(List<Job> body) implements Body {}

    /** case subject in pattern|pattern) body;; ... esac. */
    record Case(Word subject, List<CaseItem> items) implements Body {}

    record CaseItem(List<Word> patterns, List<Job> body) {}

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
                } else if (s instanceof Arith a) {
                    b.append("$((").append(a.expr()).append("))");
                } else {
                    b.append(((Literal) s).text());
                }
            }
            return b.toString();
        }
    }

    /** A piece of a word. */
    sealed interface Segment permits Literal, Param, CmdSubst, Arith {}

    /** Literal text; {@code quoted} text takes no part in globbing or tilde expansion. */
    record Literal(String text, boolean quoted) implements Segment {}

    /** $name, ${name}, $?, $!, $$, $#, $0; {@code quoted} inside double quotes (no field splitting). */
    record Param(String name, boolean quoted) implements Segment {}

    /** $(script) or `script`; {@code quoted} inside double quotes (no field splitting). */
    record CmdSubst(String script, boolean quoted) implements Segment {}

    /** $((expr)): arithmetic expansion; the result is one number, split like $x when unquoted. */
    record Arith(String expr, boolean quoted) implements Segment {}
}
