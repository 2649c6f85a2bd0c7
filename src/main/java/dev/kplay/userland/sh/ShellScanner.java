package dev.kplay.userland.sh;

import dev.kplay.userland.sh.Ast.Arith;
import dev.kplay.userland.sh.Ast.CmdSubst;
import dev.kplay.userland.sh.Ast.Literal;
import dev.kplay.userland.sh.Ast.Param;
import dev.kplay.userland.sh.Ast.Segment;
import dev.kplay.userland.sh.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/*
 * The character level of bash's lexer: operators, words with their quoting, $ expansions and
 * reserved words. It is context-sensitive, as bash's own is (an IO number is a word only when no
 * '<' or '>' follows it; "fi" is a reserved word only where a command could start), so the
 * grammar in {@link ShellParser} drives it position by position instead of taking a token list.
 */

/** Scans operators and words of a bash command line; the grammar lives in {@link ShellParser}. */
abstract class ShellScanner {
    /** A parse failure; the message is what bash prints after "bash: ". */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    /** Words that open or close a compound command where a command could start. */
    static final List<String> RESERVED = List.of(
            "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "for", "case", "esac", "{", "}");

    final String src;
    int pos;

    ShellScanner(String src) {
        this.src = src;
    }

    /** The reserved word at pos (a whole unquoted word), or null. */
    String peekReserved() {
        int end = pos;
        while (end < src.length() && !isBlank(src.charAt(end)) && "\n;&|<>()'\"".indexOf(src.charAt(end)) < 0) {
            end++;
        }
        String w = src.substring(pos, end);
        return RESERVED.contains(w) ? w : null;
    }

    /** Consumes the reserved word at pos. */
    void take(String word) {
        pos += word.length();
    }

    /** The operator at pos, or null if a word starts here. */
    String peekOperator() {
        if (atEnd()) {
            return null;
        }
        for (String op : new String[] {"&&", "||", ";;", "&>", ">>", ">&", "<&", ">|", ";", "&", "|", "<", ">", "\n", "(", ")"}) {
            if (src.startsWith(op, pos)) {
                return op;
            }
        }
        if (src.charAt(pos) == '!' && (pos + 1 == src.length() || isBlank(src.charAt(pos + 1)))) {
            return "!";
        }
        return null;
    }

    /** A word: unquoted text, 'single', "double" quotes, backslash escapes and $ expansions. */
    Word word() throws SyntaxError {
        List<Segment> segs = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean litQuoted = false;
        while (!atEnd()) {
            char c = src.charAt(pos);
            if (isBlank(c) || c == '\n' || ";&|<>()".indexOf(c) >= 0) {
                break;
            }
            if (c == '#' && lit.isEmpty() && segs.isEmpty()) {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl;
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

    void doubleQuoted(List<Segment> segs) throws SyntaxError {
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
    boolean param(List<Segment> segs, StringBuilder lit, boolean litQuoted, boolean quoted)
            throws SyntaxError {
        if (pos + 1 >= src.length()) {
            return false;
        }
        char n = src.charAt(pos + 1);
        String name;
        int end;
        if (n == '(' && src.startsWith("$((", pos)) {
            int close = matchingParen(pos + 2);
            if (src.charAt(close - 1) == ')' && close - 1 > pos + 2) {
                flush(segs, lit, litQuoted);
                segs.add(new Arith(src.substring(pos + 3, close - 1), quoted));
                pos = close + 1;
                return true;
            }
        }
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
    int matchingParen(int from) throws SyntaxError {
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
    String backquoted() throws SyntaxError {
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

    static void flush(List<Segment> segs, StringBuilder lit, boolean quoted) {
        if (!lit.isEmpty()) {
            segs.add(new Literal(lit.toString(), quoted));
            lit.setLength(0);
        }
    }

    SyntaxError unexpected(String token) {
        return new SyntaxError("syntax error near unexpected token `" + token + "'");
    }

    void skipBlanks() {
        while (pos < src.length() && isBlank(src.charAt(pos))) {
            pos++;
        }
    }

    void skipBlanksAndNewlines() {
        while (pos < src.length() && (isBlank(src.charAt(pos)) || src.charAt(pos) == '\n')) {
            pos++;
        }
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    boolean atEnd() {
        return pos >= src.length();
    }
}
