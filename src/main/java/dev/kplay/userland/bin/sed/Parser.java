package dev.kplay.userland.bin.sed;

import dev.kplay.userland.bin.Grep;
import dev.kplay.userland.bin.sed.Script.Addr;
import dev.kplay.userland.bin.sed.Script.Cmd;
import dev.kplay.userland.bin.sed.Script.ScriptError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/*
 * Compiles a sed script (GNU sed's compile.c): addresses (N, $, /re/ or \cREc, a,b and a,+N, then
 * any '!'), one command letter, its argument (the text of a/i/c, s///flags, y///, the exit code of
 * q/Q), then a separator. Regexes are compiled here, once, BRE unless -E, with grep's translation.
 * The position is an int[1] threaded through the scanning functions so each one both reads and
 * advances it; errors carry that position, which sed reports as "char N". Split out of Sed: this
 * is the half that knows the script's syntax.
 */

/** The sed script parser: text to {@link Cmd} list. */
final class Parser {
    private Parser() {}

    /** The commands of script {@code s} in order; throws ScriptError at the first mistake, as GNU sed stops there. */
    static List<Cmd> parse(String s, boolean ere) {
        List<Cmd> cmds = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        int[] pos = {0};
        while (true) {
            skip(s, pos, " \t\n;");
            if (pos[0] >= s.length()) {
                break;
            }
            Cmd c = new Cmd();
            c.a1 = address(s, pos, ere);
            if (c.a1 != null && pos[0] < s.length() && s.charAt(pos[0]) == ',') {
                pos[0]++;
                skip(s, pos, " \t");
                if (pos[0] < s.length() && s.charAt(pos[0]) == '+') {
                    pos[0]++;
                    int st = pos[0];
                    while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
                        pos[0]++;
                    }
                    c.a2 = new Addr(0, false, null, Integer.parseInt(s.substring(st, pos[0])));
                } else {
                    c.a2 = address(s, pos, ere);
                    if (c.a2 == null) {
                        throw new ScriptError(pos[0], "unexpected `,'");
                    }
                }
            }
            skip(s, pos, " \t");
            while (pos[0] < s.length() && s.charAt(pos[0]) == '!') {
                c.negate = true;
                pos[0]++;
                skip(s, pos, " \t");
            }
            if (pos[0] >= s.length()) {
                throw new ScriptError(pos[0], "missing command");
            }
            c.name = s.charAt(pos[0]++);
            switch (c.name) {
                case '{' -> open.add(cmds.size());
                case '}' -> {
                    if (open.isEmpty()) {
                        throw new ScriptError(pos[0], "unexpected `}'");
                    }
                    int o = open.remove(open.size() - 1);
                    cmds.get(o).jump = cmds.size();
                    c.jump = o;
                }
                case '#' -> {
                    while (pos[0] < s.length() && s.charAt(pos[0]) != '\n') {
                        pos[0]++;
                    }
                }
                case '=', 'd', 'p', 'h', 'H', 'g', 'G', 'x', 'n' -> { }
                case 'q', 'Q' -> {
                    skip(s, pos, " \t");
                    int st = pos[0];
                    while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
                        pos[0]++;
                    }
                    c.exit = st == pos[0] ? 0 : Integer.parseInt(s.substring(st, pos[0]));
                }
                case 'a', 'i', 'c' -> c.text = text(s, pos);
                case 's' -> substitution(c, s, pos, ere);
                case 'y' -> {
                    char d = s.charAt(pos[0]++);
                    c.from = delimited(s, pos, d, "y");
                    c.to = delimited(s, pos, d, "y");
                    if (c.from.length() != c.to.length()) {
                        throw new ScriptError(pos[0], "strings for `y' command are different lengths");
                    }
                }
                default -> throw new ScriptError(pos[0], "unknown command: `" + c.name + "'");
            }
            cmds.add(c);
            skip(s, pos, " \t");
            if (pos[0] < s.length() && ";\n}#".indexOf(s.charAt(pos[0])) < 0 && c.name != '}') {
                throw new ScriptError(pos[0] + 1, "extra characters after command");
            }
        }
        if (!open.isEmpty()) {
            throw new ScriptError(s.length(), "unmatched `{'");
        }
        return cmds;
    }

    private static void skip(String s, int[] pos, String chars) {
        while (pos[0] < s.length() && chars.indexOf(s.charAt(pos[0])) >= 0) {
            pos[0]++;
        }
    }

    private static Addr address(String s, int[] pos, boolean ere) {
        if (pos[0] >= s.length()) {
            return null;
        }
        char c = s.charAt(pos[0]);
        if (Character.isDigit(c)) {
            int st = pos[0];
            while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
                pos[0]++;
            }
            return new Addr(Integer.parseInt(s.substring(st, pos[0])), false, null, -1);
        }
        if (c == '$') {
            pos[0]++;
            return new Addr(0, true, null, -1);
        }
        if (c == '/' || c == '\\') {
            pos[0]++;
            char d = c == '/' ? '/' : s.charAt(pos[0]++);
            String re = delimited(s, pos, d, "address regex");
            return new Addr(0, false, compile(re, ere, false, pos[0]), -1);
        }
        return null;
    }

    /** Text up to the unescaped delimiter; "\d" stands for the delimiter itself. */
    private static String delimited(String s, int[] pos, char d, String what) {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos[0] >= s.length() || s.charAt(pos[0]) == '\n') {
                throw new ScriptError(pos[0], "unterminated `" + (what.equals("y") ? "y" : "s") + "' command");
            }
            char c = s.charAt(pos[0]++);
            if (c == d) {
                return b.toString();
            }
            if (c == '\\' && pos[0] < s.length()) {
                char n = s.charAt(pos[0]++);
                if (n == d) {
                    b.append(d);
                } else if (n == 'n' && !what.equals("replacement")) {
                    b.append(what.equals("y") ? "\n" : "\\n");
                } else {
                    b.append('\\').append(n);
                }
                continue;
            }
            b.append(c);
        }
    }

    private static void substitution(Cmd c, String s, int[] pos, boolean ere) {
        if (pos[0] >= s.length()) {
            throw new ScriptError(pos[0], "unterminated `s' command");
        }
        char d = s.charAt(pos[0]++);
        String re = delimited(s, pos, d, "s");
        c.repl = delimited(s, pos, d, "replacement");
        boolean icase = false;
        while (pos[0] < s.length() && ";\n} \t#".indexOf(s.charAt(pos[0])) < 0) {
            char f = s.charAt(pos[0]++);
            if (f == 'g') {
                c.global = true;
            } else if (f == 'p') {
                c.print = true;
            } else if (f == 'i' || f == 'I') {
                icase = true;
            } else if (Character.isDigit(f)) {
                int st = pos[0] - 1;
                while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
                    pos[0]++;
                }
                c.nth = Integer.parseInt(s.substring(st, pos[0]));
            } else {
                throw new ScriptError(pos[0], "unknown option to `s'");
            }
        }
        c.re = compile(re, ere, icase, pos[0]);
    }

    private static Pattern compile(String re, boolean ere, boolean icase, int at) {
        try {
            return Pattern.compile(ere ? Grep.posixClasses(re) : Grep.bre(re), icase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new ScriptError(at, "Invalid regular expression");
        }
    }

    /** The text of a, i or c: "a text", "a\text" or "a\" newline "text". */
    private static String text(String s, int[] pos) {
        skip(s, pos, " \t");
        if (pos[0] < s.length() && s.charAt(pos[0]) == '\\') {
            pos[0]++;
            if (pos[0] < s.length() && s.charAt(pos[0]) == '\n') {
                pos[0]++;
            }
        }
        StringBuilder b = new StringBuilder();
        while (pos[0] < s.length() && s.charAt(pos[0]) != '\n') {
            char c = s.charAt(pos[0]++);
            if (c == '\\' && pos[0] < s.length()) {
                b.append(s.charAt(pos[0]++));
            } else {
                b.append(c);
            }
        }
        if (b.length() == 0) {
            throw new ScriptError(pos[0], "expected \\ after `a', `c' or `i'");
        }
        return b.toString();
    }
}
