package dev.kplay.userland.sh;

import dev.kplay.userland.sh.Ast.AndOr;
import dev.kplay.userland.sh.Ast.Assignment;
import dev.kplay.userland.sh.Ast.Body;
import dev.kplay.userland.sh.Ast.Case;
import dev.kplay.userland.sh.Ast.CaseItem;
import dev.kplay.userland.sh.Ast.For;
import dev.kplay.userland.sh.Ast.Group;
import dev.kplay.userland.sh.Ast.If;
import dev.kplay.userland.sh.Ast.Loop;
import dev.kplay.userland.sh.Ast.Subshell;
import dev.kplay.userland.sh.Ast.Word;
import dev.kplay.userland.sh.Ast.Cmd;
import dev.kplay.userland.sh.Ast.Compound;
import dev.kplay.userland.sh.Ast.Job;
import dev.kplay.userland.sh.Ast.Literal;
import dev.kplay.userland.sh.Ast.Pipeline;
import dev.kplay.userland.sh.Ast.Redirect;
import dev.kplay.userland.sh.Ast.Script;
import dev.kplay.userland.sh.Ast.Segment;
import dev.kplay.userland.sh.Ast.SimpleCommand;
import java.util.ArrayList;
import java.util.List;

/*
 * A recursive-descent parser for bash's grammar (see {@link Ast}) over {@link ShellScanner}'s
 * characters. Compound commands nest lists that end at a reserved word ("fi", "done"...), so
 * list() takes the words that may end it; any other closer at a command start is bash's error.
 * Errors use bash's wording: "syntax error near unexpected token `;'" and, for an unclosed quote,
 * "unexpected EOF while looking for matching `''".
 */

/** Parses a command line into an {@link Ast.Script}; throws {@link SyntaxError} with bash's message. */
final class ShellParser extends ShellScanner {
    private ShellParser(String src) {
        super(src);
    }

    static Script parse(String line) throws SyntaxError {
        ShellParser p = new ShellParser(line);
        return p.script();
    }

    // script := list EOF
    private Script script() throws SyntaxError {
        return new Script(list(List.of()));
    }

    /**
     * list := and_or ((';' | '&' | newline) and_or)* [';' | '&'], ending at end of input or, inside a
     * compound command, before one of {@code stops} (reserved words, ")" or ";;") at a command start.
     */
    private List<Job> list(List<String> stops) throws SyntaxError {
        List<Job> jobs = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (!atEnd() && src.charAt(pos) == '#') {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl;
                continue;
            }
            if (atEnd()) {
                if (!stops.isEmpty()) {
                    throw new SyntaxError("syntax error: unexpected end of file");
                }
                break;
            }
            String kw = peekReserved();
            String op = peekOperator();
            if (kw != null && stops.contains(kw) || op != null && stops.contains(op)) {
                break;
            }
            if (kw != null && CLOSERS.contains(kw)) {
                throw unexpected(kw);
            }
            if (op != null && !op.equals("!") && !op.equals("(") && !isRedirectOp(op)) {
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
            } else if (!atEnd() && !(sep != null && stops.contains(sep))) {
                throw unexpected(sep != null ? sep : String.valueOf(src.charAt(pos)));
            }
            jobs.add(new Job(body, background, text));
            skipBlanks();
            String next = peekOperator();
            if (next != null && (next.equals(";") || next.equals("&")) || next != null && next.equals(";;") && !stops.contains(";;")) {
                throw unexpected(next);
            }
        }
        return jobs;
    }

    /** A list that must hold at least one command (bash: "then fi" is an error at "fi"). */
    private List<Job> body(String... stops) throws SyntaxError {
        List<Job> jobs = list(List.of(stops));
        if (jobs.isEmpty()) {
            String kw = peekReserved();
            throw unexpected(kw != null ? kw : peekOperator());
        }
        return jobs;
    }

    /** Reserved words that end a compound command's part; at a command start outside one, an error. */
    private static final List<String> CLOSERS = List.of("then", "elif", "else", "fi", "do", "done", "esac", "}");

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
        List<Cmd> commands = new ArrayList<>();
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

    // command := compound redirect* | simple
    private Cmd command() throws SyntaxError {
        skipBlanks();
        String kw = peekReserved();
        if (kw != null && !CLOSERS.contains(kw) || "(".equals(peekOperator())) {
            Body body = compound(kw == null ? "(" : kw);
            List<Redirect> redirects = new ArrayList<>();
            while (true) {
                skipBlanks();
                int ioStart = pos;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                int fd = pos > ioStart && pos < src.length() && "<>".indexOf(src.charAt(pos)) >= 0
                        ? Integer.parseInt(src.substring(ioStart, pos)) : -1;
                if (fd < 0) {
                    pos = ioStart;
                }
                String op = peekOperator();
                if (op == null || !isRedirectOp(op)) {
                    pos = ioStart;
                    return new Compound(body, redirects);
                }
                redirects.add(redirect(fd));
            }
        }
        return simple();
    }

    /** The compound command opened by reserved word (or "(") {@code kw}. */
    private Body compound(String kw) throws SyntaxError {
        take(kw);
        return switch (kw) {
            case "if" -> ifClause();
            case "while", "until" -> {
                List<Job> cond = body("do");
                take("do");
                List<Job> loop = body("done");
                take("done");
                yield new Loop(cond, kw.equals("until"), loop);
            }
            case "for" -> forClause();
            case "case" -> caseClause();
            case "{" -> {
                List<Job> jobs = body("}");
                take("}");
                yield new Group(jobs);
            }
            default -> {
                List<Job> jobs = body(")");
                pos++;
                yield new Subshell(jobs);
            }
        };
    }

    // if := 'if' list 'then' list ('elif' list 'then' list)* ['else' list] 'fi'
    private If ifClause() throws SyntaxError {
        List<List<Job>> conds = new ArrayList<>();
        List<List<Job>> branches = new ArrayList<>();
        List<Job> orElse = List.of();
        while (true) {
            conds.add(body("then"));
            take("then");
            branches.add(body("elif", "else", "fi"));
            String kw = peekReserved();
            take(kw);
            if (kw.equals("else")) {
                orElse = body("fi");
                take("fi");
                break;
            }
            if (kw.equals("fi")) {
                break;
            }
        }
        return new If(conds, branches, orElse);
    }

    // for := 'for' name [newline* 'in' word* (';' | newline)] [';'] newline* 'do' list 'done'
    private For forClause() throws SyntaxError {
        skipBlanks();
        String op = peekOperator();
        if (atEnd() || op != null) {
            throw atEnd() ? new SyntaxError("syntax error: unexpected end of file") : unexpected(op.equals("\n") ? "newline" : op);
        }
        String name = word().raw();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new SyntaxError("`" + name + "': not a valid identifier");
        }
        skipBlanksAndNewlines();
        List<Word> items = null;
        if (src.startsWith("in", pos) && (pos + 2 == src.length() || " \t\n;".indexOf(src.charAt(pos + 2)) >= 0)) {
            pos += 2;
            items = new ArrayList<>();
            while (true) {
                skipBlanks();
                if (atEnd() || peekOperator() != null) {
                    break;
                }
                items.add(word());
            }
        }
        skipBlanks();
        if (";".equals(peekOperator())) {
            pos++;
        }
        skipBlanksAndNewlines();
        if (!"do".equals(peekReserved())) {
            throw atEnd() ? new SyntaxError("syntax error: unexpected end of file")
                    : unexpected(peekOperator() != null ? peekOperator() : word().raw());
        }
        take("do");
        List<Job> loop = body("done");
        take("done");
        return new For(name, items, loop);
    }

    // case := 'case' word newline* 'in' newline* (['('] word ('|' word)* ')' list [';;'] newline*)* 'esac'
    private Case caseClause() throws SyntaxError {
        skipBlanks();
        Word subject = word();
        skipBlanksAndNewlines();
        if (!src.startsWith("in", pos)) {
            throw atEnd() ? new SyntaxError("syntax error: unexpected end of file") : unexpected(word().raw());
        }
        pos += 2;
        List<CaseItem> items = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (atEnd()) {
                throw new SyntaxError("syntax error: unexpected end of file");
            }
            if ("esac".equals(peekReserved())) {
                take("esac");
                return new Case(subject, items);
            }
            if ("(".equals(peekOperator())) {
                pos++;
            }
            List<Word> patterns = new ArrayList<>();
            while (true) {
                skipBlanks();
                String op = peekOperator();
                if (atEnd() || op != null) {
                    throw atEnd() ? new SyntaxError("syntax error: unexpected end of file") : unexpected(op);
                }
                patterns.add(word());
                skipBlanks();
                op = peekOperator();
                if ("|".equals(op)) {
                    pos++;
                } else if (")".equals(op)) {
                    pos++;
                    break;
                } else {
                    throw atEnd() ? new SyntaxError("syntax error: unexpected end of file") : unexpected(op != null ? op : word().raw());
                }
            }
            List<Job> jobs = list(List.of(";;", "esac"));
            if (";;".equals(peekOperator())) {
                pos += 2;
            }
            items.add(new CaseItem(patterns, jobs));
        }
    }

    // simple := (assignment)* (word | redirect)+
    private SimpleCommand simple() throws SyntaxError {
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
            if (op != null && !op.equals("!")) {
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

}
