package dev.kplay.userland.bin.sed;

import dev.kplay.userland.bin.sed.Script.Addr;
import dev.kplay.userland.bin.sed.Script.Cmd;
import java.util.List;
import java.util.regex.Matcher;

/*
 * sed's cycle (GNU sed's execute.c): each input line goes into the pattern space, the commands
 * whose addresses select it run in order, and unless -n or d the pattern space is printed, then
 * what a appended. The hold space lives for the whole run. Input is all in memory already (a
 * list of lines), so n and $ need no look-ahead machinery. s/// is written out by hand rather
 * than with Matcher.replaceAll because sed's rules differ: the Nth match, and an empty match
 * right after the previous one is skipped, not replaced. Split out of Sed: this is the half that
 * runs a compiled script.
 */

/** Runs a compiled sed script over the input lines. */
final class Interpreter {
    private Interpreter() {}

    /**
     * Runs cmds over lines, appending what sed prints to out; lastNl says whether the input ended
     * with a newline (the output then does too). Returns the exit code of q/Q, or -1 if the input ran out.
     */
    static int execute(List<Cmd> cmds, List<String> lines, boolean quiet, boolean lastNl, StringBuilder out) {
        String hold = "";
        int n = lines.size();
        for (int ln = 0; ln < n; ln++) {
            String ps = lines.get(ln);
            StringBuilder append = new StringBuilder();
            boolean delete = false;
            int quit = -1;
            boolean quitPrint = true;
            for (int pc = 0; pc < cmds.size() && !delete && quit < 0; pc++) {
                Cmd c = cmds.get(pc);
                if (c.name == '}') {
                    continue;
                }
                if (!selected(c, ln + 1, n, ps) ^ c.negate) {
                    if (c.name == '{') {
                        pc = c.jump;
                    }
                    continue;
                }
                switch (c.name) {
                    case '{', '#' -> { }
                    case '=' -> out.append(ln + 1).append('\n');
                    case 'p' -> out.append(ps).append('\n');
                    case 'd' -> delete = true;
                    case 'a' -> append.append(c.text).append('\n');
                    case 'i' -> out.append(c.text).append('\n');
                    case 'c' -> {
                        if (c.a2 == null || !c.active) {
                            out.append(c.text).append('\n');
                        }
                        delete = true;
                    }
                    case 'q' -> quit = c.exit;
                    case 'Q' -> {
                        quit = c.exit;
                        quitPrint = false;
                    }
                    case 'h' -> hold = ps;
                    case 'H' -> hold = hold + "\n" + ps;
                    case 'g' -> ps = hold;
                    case 'G' -> ps = ps + "\n" + hold;
                    case 'x' -> {
                        String t = ps;
                        ps = hold;
                        hold = t;
                    }
                    case 'n' -> {
                        if (!quiet) {
                            out.append(ps).append('\n');
                        }
                        out.append(append);
                        append.setLength(0);
                        if (ln + 1 >= n) {
                            quit = 0;
                            quitPrint = false;
                        } else {
                            ps = lines.get(++ln);
                        }
                    }
                    case 'y' -> {
                        StringBuilder b = new StringBuilder(ps);
                        for (int k = 0; k < b.length(); k++) {
                            int at = c.from.indexOf(b.charAt(k));
                            if (at >= 0) {
                                b.setCharAt(k, c.to.charAt(at));
                            }
                        }
                        ps = b.toString();
                    }
                    case 's' -> {
                        String r = substitute(c, ps);
                        if (r != null) {
                            ps = r;
                            if (c.print) {
                                out.append(ps).append('\n');
                            }
                        }
                    }
                    default -> throw new IllegalStateException("sed command " + c.name);
                }
            }
            if (!delete && !quiet && quitPrint) {
                out.append(ps).append('\n');
            }
            out.append(append);
            if (quit >= 0) {
                return quit;
            }
        }
        if (!lastNl && out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return -1;
    }

    private static boolean matches(Addr a, int line, int last, String ps) {
        if (a.last()) {
            return line == last;
        }
        if (a.re() != null) {
            return a.re().matcher(ps).find();
        }
        return line == a.line();
    }

    private static boolean selected(Cmd c, int line, int last, String ps) {
        if (c.a1 == null) {
            return true;
        }
        if (c.a2 == null) {
            return matches(c.a1, line, last, ps);
        }
        if (!c.active) {
            if (!matches(c.a1, line, last, ps)) {
                return false;
            }
            c.active = true;
            if (c.a2.plus() >= 0) {
                c.endLine = line + c.a2.plus();
                c.active = c.endLine > line;
            } else if (c.a2.re() == null && !c.a2.last() && c.a2.line() <= line) {
                c.active = false;
            }
            return true;
        }
        boolean end = c.a2.plus() >= 0 ? line >= c.endLine : matches(c.a2, line, last, ps);
        if (end) {
            c.active = false;
        }
        return true;
    }

    /** s///: the new pattern space, or null if nothing matched. */
    private static String substitute(Cmd c, String ps) {
        Matcher m = c.re.matcher(ps);
        StringBuilder b = new StringBuilder();
        int pos = 0;
        int count = 0;
        boolean any = false;
        int prevEnd = -1;
        while (pos <= ps.length() && m.find(pos)) {
            if (m.end() == m.start() && m.start() == prevEnd) {
                if (m.start() >= ps.length()) {
                    break;
                }
                b.append(ps.charAt(m.start()));
                pos = m.start() + 1;
                continue;
            }
            count++;
            b.append(ps, pos, m.start());
            if (count >= c.nth) {
                any = true;
                replacement(c.repl, m, b);
            } else {
                b.append(m.group());
            }
            prevEnd = m.end();
            if (m.end() == m.start()) {
                if (m.end() < ps.length()) {
                    b.append(ps.charAt(m.end()));
                }
                pos = m.end() + 1;
            } else {
                pos = m.end();
            }
            if (any && !c.global) {
                break;
            }
        }
        if (!any) {
            return null;
        }
        if (pos < ps.length()) {
            b.append(ps, pos, ps.length());
        }
        return b.toString();
    }

    private static void replacement(String repl, Matcher m, StringBuilder b) {
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c == '&') {
                b.append(m.group());
            } else if (c == '\\' && i + 1 < repl.length()) {
                char n = repl.charAt(++i);
                if (Character.isDigit(n)) {
                    int g = n - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        b.append(m.group(g));
                    }
                } else if (n == 'n') {
                    b.append('\n');
                } else if (n == 't') {
                    b.append('\t');
                } else {
                    b.append(n);
                }
            } else {
                b.append(c);
            }
        }
    }
}
