package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/*
 * GNU sed 4.9 for the commands tutorials use: addresses (N, $, /re/, a,b, a,+N, !), and the
 * commands { } = a i c d p n q Q s y h H g G x and #. Scripts come from -e (several join with
 * newlines, as GNU does) or the first operand; -n, -E/-r, -s. Regular expressions are BRE unless
 * -E, translated as grep translates them. Errors carry GNU's "-e expression #1, char N:" prefix.
 */

/** sed [-n] [-E] [-e SCRIPT]... [SCRIPT] [FILE...]. */
final class Sed {
    private Sed() {}

    /** A script error at character {@code at} (1-based) of the script. */
    private static final class ScriptError extends RuntimeException {
        final int at;

        ScriptError(int at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** An address: a line number, the last line ($), a regex, or a relative end (+N). */
    private record Addr(int line, boolean last, Pattern re, int plus) {}

    private static final class Cmd {
        Addr a1;
        Addr a2;
        boolean negate;
        char name;
        String text;
        Pattern re;
        String repl;
        boolean global;
        boolean print;
        int nth = 1;
        String from;
        String to;
        int exit;
        /** Index of the matching '}' for '{', of the '{' for '}'. */
        int jump;
        /** Range state: inside the range, and the line a +N range ends at. */
        boolean active;
        int endLine;
    }

    static int run(Proc p) {
        boolean quiet = false, ere = false, inPlace = false;
        List<String> scripts = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--quiet") || a.equals("--silent")) {
                quiet = true;
            } else if (a.equals("-E") || a.equals("-r") || a.equals("--regexp-extended")) {
                ere = true;
            } else if (a.equals("-s")) {
                continue;
            } else if (a.equals("-i") || a.equals("--in-place")) {
                inPlace = true;
            } else if (a.equals("-e")) {
                if (i + 1 >= args.size()) {
                    p.eprint("sed: option requires an argument -- 'e'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n");
                    return 1;
                }
                scripts.add(args.get(++i));
            } else if (a.startsWith("-e")) {
                scripts.add(a.substring(2));
            } else if (a.matches("-[nEri]+")) {
                quiet |= a.contains("n");
                inPlace |= a.contains("i");
                ere |= a.contains("E") || a.contains("r");
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("sed: invalid option -- '" + a.charAt(1) + "'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n");
                return 1;
            } else if (scripts.isEmpty() && files.isEmpty() && !hadE(args)) {
                scripts.add(a);
            } else {
                files.add(a);
            }
        }
        if (scripts.isEmpty()) {
            p.eprint("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n");
            return 1;
        }
        String script = String.join("\n", scripts);
        List<Cmd> cmds;
        try {
            cmds = parse(script, ere);
        } catch (ScriptError e) {
            p.eprint("sed: -e expression #1, char " + e.at + ": " + e.getMessage() + "\n");
            return 1;
        }
        if (inPlace) {
            return inPlace(p, cmds, files, quiet);
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        List<String> lines = new ArrayList<>();
        boolean lastHasNewline = true;
        int status = 0;
        for (String f : files) {
            try {
                String text = new String(p.operand(f), StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    continue;
                }
                lastHasNewline = text.endsWith("\n");
                for (String l : (lastHasNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1)) {
                    lines.add(l);
                }
            } catch (Proc.FileError e) {
                p.eprint("sed: can't read " + f + ": " + Errno.strerror(e.errno) + "\n");
                status = 2;
            }
        }
        StringBuilder out = new StringBuilder();
        int exit = execute(cmds, lines, quiet, lastHasNewline, out);
        p.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return exit >= 0 ? exit : status;
    }

    /** sed -i: each FILE is edited on its own and written back (GNU sed's --in-place, without a backup suffix). */
    private static int inPlace(Proc p, List<Cmd> cmds, List<String> files, boolean quiet) {
        if (files.isEmpty()) {
            p.eprint("sed: no input files\n");
            return 1;
        }
        int status = 0;
        for (String f : files) {
            String text;
            try {
                text = new String(p.readFile(p.path(f)), StandardCharsets.ISO_8859_1);
            } catch (Proc.FileError e) {
                p.eprint("sed: can't read " + f + ": " + Errno.strerror(e.errno) + "\n");
                status = 2;
                continue;
            }
            List<String> lines = new ArrayList<>();
            boolean lastHasNewline = text.isEmpty() || text.endsWith("\n");
            if (!text.isEmpty()) {
                for (String l : (lastHasNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1)) {
                    lines.add(l);
                }
            }
            StringBuilder out = new StringBuilder();
            int exit = execute(cmds, lines, quiet, lastHasNewline, out);
            long fd = p.check(p.sys().open(p.pid(), p.path(f), 01 | 01000, 0644));
            if (fd < 0) {
                p.eprint("sed: couldn't open file " + f + ": " + Errno.strerror((int) fd) + "\n");
                return 4;
            }
            p.check(p.sys().write(p.pid(), (int) fd, out.toString().getBytes(StandardCharsets.ISO_8859_1)));
            p.sys().close(p.pid(), (int) fd);
            if (exit >= 0) {
                return exit;
            }
        }
        return status;
    }

    private static boolean hadE(List<String> args) {
        return args.stream().anyMatch(a -> a.startsWith("-e"));
    }

    // ---- execution -----------------------------------------------------------------------------------

    private static int execute(List<Cmd> cmds, List<String> lines, boolean quiet, boolean lastNl, StringBuilder out) {
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

    // ---- parsing -------------------------------------------------------------------------------------

    private static List<Cmd> parse(String s, boolean ere) {
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
