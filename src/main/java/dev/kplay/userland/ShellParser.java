package dev.kplay.userland;

import dev.kplay.userland.Ast.AndOr;
import dev.kplay.userland.Ast.Assignment;
import dev.kplay.userland.Ast.CmdSubst;
import dev.kplay.userland.Ast.Job;
import dev.kplay.userland.Ast.Literal;
import dev.kplay.userland.Ast.Param;
import dev.kplay.userland.Ast.Pipeline;
import dev.kplay.userland.Ast.Redirect;
import dev.kplay.userland.Ast.Script;
import dev.kplay.userland.Ast.Segment;
import dev.kplay.userland.Ast.SimpleCommand;
import dev.kplay.userland.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/*
 * A recursive-descent parser for one line of bash, scanning characters directly (bash's own
 * lexer is context-sensitive too: an IO number is a word only when no '<' or '>' follows it).
 * Errors use bash's wording: "syntax error near unexpected token `;'" and, for an unclosed quote,
 * "unexpected EOF while looking for matching `''".
 */

/** Parses a command line into an {@link Ast.Script}; throws {@link SyntaxError} with bash's message. */
final class ShellParser {
    /** A parse failure; the message is what bash prints after "bash: ". */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String src;
    private int pos;

    private ShellParser(String src) {
        this.src = src;
    }

    static Script parse(String line) throws SyntaxError {
        ShellParser p = new ShellParser(line);
        return p.script();
    }

    // list := and_or ((';' | '&' | newline) and_or)* [';' | '&']
    private Script script() throws SyntaxError {
        List<Job> jobs = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (atEnd()) {
                break;
            }
            String op = peekOperator();
            if (op != null && !op.equals("!") && !isRedirectOp(op)) {
                if (op.equals("\n")) {
                    pos++;
                    continue;
                }
                throw unexpected(op);
            }
            int start = pos;
            AndOr body = andOr();
            String text = src.substring(start, pos).trim();
            skipBlanks();
            String sep = peekOperator();
            boolean background = false;
            if (sep != null && (sep.equals(";") || sep.equals("&") || sep.equals("\n"))) {
                pos += sep.length();
                background = sep.equals("&");
            } else if (!atEnd()) {
                throw unexpected(sep != null ? sep : String.valueOf(src.charAt(pos)));
            }
            jobs.add(new Job(body, background, text));
            skipBlanks();
            String next = peekOperator();
            if (next != null && (next.equals(";") || next.equals("&"))) {
                throw unexpected(next.equals(";") && src.startsWith(";;", pos) ? ";;" : next);
            }
        }
        return new Script(jobs);
    }

    // and_or := pipeline (('&&' | '||') pipeline)*
    private AndOr andOr() throws SyntaxError {
        List<Pipeline> pipelines = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        pipelines.add(pipeline());
        while (true) {
            skipBlanks();
            String op = peekOperator();
            if (op == null || !(op.equals("&&") || op.equals("||"))) {
                return new AndOr(pipelines, ops);
            }
            pos += 2;
            skipBlanksAndNewlines();
            ops.add(op);
            pipelines.add(pipeline());
        }
    }

    // pipeline := ['!'] command ('|' command)*
    private Pipeline pipeline() throws SyntaxError {
        skipBlanks();
        boolean negate = false;
        if (peekOperator() != null && peekOperator().equals("!")) {
            pos++;
            negate = true;
        }
        List<SimpleCommand> commands = new ArrayList<>();
        commands.add(command());
        while (true) {
            skipBlanks();
            String op = peekOperator();
            if (op == null || !op.equals("|")) {
                return new Pipeline(commands, negate);
            }
            pos++;
            skipBlanksAndNewlines();
            commands.add(command());
        }
    }

    // command := (assignment)* (word | redirect)+
    private SimpleCommand command() throws SyntaxError {
        List<Assignment> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (atEnd()) {
                break;
            }
            String op = peekOperator();
            if (op != null && isRedirectOp(op)) {
                redirects.add(redirect(-1));
                continue;
            }
            if (op != null) {
                break;
            }
            int ioStart = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos > ioStart && pos < src.length() && (src.charAt(pos) == '<' || src.charAt(pos) == '>')) {
                redirects.add(redirect(Integer.parseInt(src.substring(ioStart, pos))));
                continue;
            }
            pos = ioStart;
            Word w = word();
            if (words.isEmpty() && isAssignment(w)) {
                Literal first = (Literal) w.segments().get(0);
                int eq = first.text().indexOf('=');
                List<Segment> value = new ArrayList<>();
                if (eq + 1 < first.text().length()) {
                    value.add(new Literal(first.text().substring(eq + 1), false));
                }
                value.addAll(w.segments().subList(1, w.segments().size()));
                assignments.add(new Assignment(first.text().substring(0, eq), new Word(value)));
            } else {
                words.add(w);
            }
        }
        if (words.isEmpty() && assignments.isEmpty() && redirects.isEmpty()) {
            throw atEnd() ? new SyntaxError("syntax error: unexpected end of file") : unexpected(peekOperator());
        }
        return new SimpleCommand(assignments, words, redirects);
    }

    private static boolean isAssignment(Word w) {
        if (w.segments().isEmpty() || !(w.segments().get(0) instanceof Literal l) || l.quoted()) {
            return false;
        }
        return l.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*");
    }

    // redirect := [n] ('<' | '>' | '>>' | '>&' | '<&' | '&>') word
    private Redirect redirect(int fd) throws SyntaxError {
        String op = peekOperator();
        pos += op.length();
        int target = fd >= 0 ? fd : (op.startsWith("<") ? 0 : 1);
        skipBlanks();
        String next = atEnd() ? "newline" : peekOperator();
        if (next != null && !next.equals("!")) {
            throw unexpected(next.equals("\n") ? "newline" : next);
        }
        return new Redirect(target, op, word());
    }

    private static boolean isRedirectOp(String op) {
        return op.equals("<") || op.equals(">") || op.equals(">>") || op.equals(">&") || op.equals("<&")
                || op.equals("&>") || op.equals(">|");
    }

    /** The operator at pos, or null if a word starts here. */
    private String peekOperator() {
        if (atEnd()) {
            return null;
        }
        for (String op : new String[] {"&&", "||", ";;", "&>", ">>", ">&", "<&", ">|", ";", "&", "|", "<", ">", "\n", "(", ")"}) {
            if (src.startsWith(op, pos)) {
                return op.equals(";;") ? ";" : op;
            }
        }
        if (src.charAt(pos) == '!' && (pos + 1 == src.length() || isBlank(src.charAt(pos + 1)))) {
            return "!";
        }
        return null;
    }

    /** A word: unquoted text, 'single', "double" quotes, backslash escapes and $ expansions. */
    private Word word() throws SyntaxError {
        List<Segment> segs = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean litQuoted = false;
        while (!atEnd()) {
            char c = src.charAt(pos);
            if (isBlank(c) || c == '\n' || ";&|<>()".indexOf(c) >= 0) {
                break;
            }
            if (c == '#' && lit.isEmpty() && segs.isEmpty()) {
                pos = src.length();
                break;
            }
            if (c == '\'') {
                int end = src.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new SyntaxError("unexpected EOF while looking for matching `''");
                }
                flush(segs, lit, litQuoted);
                segs.add(new Literal(src.substring(pos + 1, end), true));
                pos = end + 1;
            } else if (c == '"') {
                flush(segs, lit, litQuoted);
                doubleQuoted(segs);
            } else if (c == '\\') {
                if (pos + 1 < src.length()) {
                    flush(segs, lit, litQuoted);
                    if (src.charAt(pos + 1) != '\n') {
                        segs.add(new Literal(String.valueOf(src.charAt(pos + 1)), true));
                    }
                    pos += 2;
                } else {
                    pos++;
                }
            } else if (c == '$' && param(segs, lit, litQuoted, false)) {
                continue;
            } else if (c == '`') {
                flush(segs, lit, litQuoted);
                segs.add(new CmdSubst(backquoted(), false));
            } else {
                lit.append(c);
                pos++;
            }
        }
        flush(segs, lit, litQuoted);
        return new Word(segs);
    }

    private void doubleQuoted(List<Segment> segs) throws SyntaxError {
        pos++;
        StringBuilder lit = new StringBuilder();
        boolean sawSegment = false;
        while (true) {
            if (atEnd()) {
                throw new SyntaxError("unexpected EOF while looking for matching `\"'");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length() && "$`\"\\\n".indexOf(src.charAt(pos + 1)) >= 0) {
                if (src.charAt(pos + 1) != '\n') {
                    lit.append(src.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '$' && param(segs, lit, true, true)) {
                sawSegment = true;
            } else if (c == '`') {
                flush(segs, lit, true);
                segs.add(new CmdSubst(backquoted(), true));
                sawSegment = true;
            } else {
                lit.append(c);
                pos++;
            }
        }
        if (!lit.isEmpty() || !sawSegment) {
            segs.add(new Literal(lit.toString(), true));
            lit.setLength(0);
        }
    }

    /** Parses $x at pos into segs (flushing lit first); false if the '$' is literal. */
    private boolean param(List<Segment> segs, StringBuilder lit, boolean litQuoted, boolean quoted)
            throws SyntaxError {
        if (pos + 1 >= src.length()) {
            return false;
        }
        char n = src.charAt(pos + 1);
        String name;
        int end;
        if (n == '(') {
            int close = matchingParen(pos + 2);
            flush(segs, lit, litQuoted);
            segs.add(new CmdSubst(src.substring(pos + 2, close), quoted));
            pos = close + 1;
            return true;
        }
        if (n == '{') {
            int close = src.indexOf('}', pos + 2);
            if (close < 0) {
                throw new SyntaxError("unexpected EOF while looking for matching `}'");
            }
            name = src.substring(pos + 2, close);
            end = close + 1;
        } else if ("?!$#0".indexOf(n) >= 0 || Character.isDigit(n)) {
            name = String.valueOf(n);
            end = pos + 2;
        } else if (Character.isLetter(n) || n == '_') {
            end = pos + 1;
            while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
                end++;
            }
            name = src.substring(pos + 1, end);
        } else {
            return false;
        }
        flush(segs, lit, litQuoted);
        segs.add(new Param(name, quoted));
        pos = end;
        return true;
    }

    /** The index of the ')' closing a $( that opened just before {@code from}, skipping quotes. */
    private int matchingParen(int from) throws SyntaxError {
        int depth = 1;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                int e = src.indexOf('\'', i + 1);
                if (e < 0) {
                    break;
                }
                i = e;
            } else if (c == '"') {
                int e = i + 1;
                while (e < src.length() && src.charAt(e) != '"') {
                    e += src.charAt(e) == '\\' ? 2 : 1;
                }
                i = e;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new SyntaxError("unexpected EOF while looking for matching `)'");
    }

    /** `script` at pos; returns the script with \` and \\ unescaped. */
    private String backquoted() throws SyntaxError {
        StringBuilder b = new StringBuilder();
        int i = pos + 1;
        while (i < src.length() && src.charAt(i) != '`') {
            if (src.charAt(i) == '\\' && i + 1 < src.length() && "`\\$".indexOf(src.charAt(i + 1)) >= 0) {
                i++;
            }
            b.append(src.charAt(i++));
        }
        if (i >= src.length()) {
            throw new SyntaxError("unexpected EOF while looking for matching ``'");
        }
        pos = i + 1;
        return b.toString();
    }

    private static void flush(List<Segment> segs, StringBuilder lit, boolean quoted) {
        if (!lit.isEmpty()) {
            segs.add(new Literal(lit.toString(), quoted));
            lit.setLength(0);
        }
    }

    private SyntaxError unexpected(String token) {
        return new SyntaxError("syntax error near unexpected token `" + token + "'");
    }

    private void skipBlanks() {
        while (pos < src.length() && isBlank(src.charAt(pos))) {
            pos++;
        }
    }

    private void skipBlanksAndNewlines() {
        while (pos < src.length() && (isBlank(src.charAt(pos)) || src.charAt(pos) == '\n')) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private boolean atEnd() {
        return pos >= src.length();
    }
}
