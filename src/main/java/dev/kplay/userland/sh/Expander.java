package dev.kplay.userland.sh;

import dev.kplay.userland.Paths;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.userland.sh.Ast.Arith;
import dev.kplay.userland.sh.Ast.CmdSubst;
import dev.kplay.userland.sh.Ast.Literal;
import dev.kplay.userland.sh.Ast.Param;
import dev.kplay.userland.sh.Ast.Segment;
import dev.kplay.userland.sh.Ast.Word;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/*
 * Word expansion in bash's order: tilde, parameters and command substitution, field splitting of
 * unquoted expansions,
 * pathname expansion (globs through getdents), quote removal. Quoting is already resolved into
 * segments by the parser, so "quote removal" is just concatenation here.
 */

/** Expands parsed words into argv fields. */
final class Expander {
    private final Function<String, String> lookup;
    private final Function<String, String> substitute;
    private final Syscalls sys;
    private final int pid;
    private final String cwd;

    Expander(Function<String, String> lookup, Function<String, String> substitute, Syscalls sys, int pid, String cwd) {
        this.lookup = lookup;
        this.substitute = substitute;
        this.sys = sys;
        this.pid = pid;
        this.cwd = cwd;
    }

    /** All words expanded into fields, in order. */
    List<String> fields(List<Word> words) {
        List<String> out = new ArrayList<>();
        for (Word w : words) {
            out.addAll(fields(w));
        }
        return out;
    }

    /** One word's fields (none for an unquoted expansion of an empty value). */
    List<String> fields(Word w) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean keep = false;
        boolean glob = false;
        List<Segment> segs = w.segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (s instanceof Literal l) {
                String text = l.text();
                if (!l.quoted() && i == 0 && (text.equals("~") || text.startsWith("~/"))) {
                    text = lookup.apply("HOME") + text.substring(1);
                }
                if (!l.quoted() && (text.contains("*") || text.contains("?") || text.contains("["))) {
                    glob = true;
                }
                cur.append(text);
                keep |= l.quoted() || !text.isEmpty();
            } else {
                boolean quoted = s instanceof Param p ? p.quoted() : s instanceof Arith a ? a.quoted() : ((CmdSubst) s).quoted();
                String v = s instanceof Param p ? lookup.apply(p.name())
                        : s instanceof Arith a ? arithmetic(a.expr()) : substitute.apply(((CmdSubst) s).script());
                if (quoted) {
                    cur.append(v);
                    keep = true;
                    continue;
                }
                int j = 0;
                while (j < v.length()) {
                    char c = v.charAt(j);
                    if (c == ' ' || c == '\t' || c == '\n') {
                        if (keep || !cur.isEmpty()) {
                            fields.add(cur.toString());
                            cur.setLength(0);
                            keep = false;
                        }
                        while (j < v.length() && " \t\n".indexOf(v.charAt(j)) >= 0) {
                            j++;
                        }
                    } else {
                        cur.append(c);
                        keep = true;
                        j++;
                    }
                }
            }
        }
        if (keep || !cur.isEmpty()) {
            fields.add(cur.toString());
        }
        if (!glob) {
            return fields;
        }
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            List<String> matches = glob(f);
            if (matches.isEmpty()) {
                out.add(f);
            } else {
                out.addAll(matches);
            }
        }
        return out;
    }

    /** $((expr)): parameters and $(...) inside are expanded first, then the expression is evaluated. */
    String arithmetic(String expr) {
        java.util.regex.Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*|[?#$!0-9])}?").matcher(expr);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(lookup.apply(m.group(1))));
        }
        m.appendTail(b);
        return String.valueOf(Arithmetic.eval(b.toString(), lookup));
    }

    /** A case pattern as a regex: quoted parts match literally, unquoted ones as globs. */
    Pattern patternRegex(Word w) {
        StringBuilder re = new StringBuilder();
        for (Segment s : w.segments()) {
            if (s instanceof Literal l) {
                re.append(l.quoted() ? Pattern.quote(l.text()) : toRegex(l.text()).pattern());
            } else {
                re.append(Pattern.quote(String.join(" ", fields(new Word(List.of(s))))));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** One word as a single string (for redirection targets and assignments). */
    String string(Word w) {
        return String.join(" ", fields(w));
    }

    /** Pathname expansion of a pattern, component by component; sorted matches, or none. */
    List<String> glob(String pattern) {
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/");
        List<String> prefixes = new ArrayList<>();
        prefixes.add(absolute ? "/" : "");
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String prefix : prefixes) {
                if (!isGlob(part)) {
                    next.add(prefix + part + "/");
                    continue;
                }
                String dir = Paths.resolve(cwd, prefix.isEmpty() ? "." : prefix);
                List<String> names = sys.listDir(pid, dir);
                if (names == null) {
                    continue;
                }
                Pattern re = toRegex(part);
                List<String> sorted = new ArrayList<>(names);
                Collections.sort(sorted);
                for (String n : sorted) {
                    if ((!n.startsWith(".") || part.startsWith(".")) && re.matcher(n).matches()) {
                        next.add(prefix + n + "/");
                    }
                }
            }
            prefixes = next;
        }
        List<String> out = new ArrayList<>();
        for (String p : prefixes) {
            String m = p.substring(0, p.length() - 1);
            if (sys.stat(pid, Paths.resolve(cwd, m)) != null) {
                out.add(pattern.endsWith("/") ? m + "/" : m);
            }
        }
        return out;
    }

    private static boolean isGlob(String s) {
        return s.contains("*") || s.contains("?") || s.contains("[");
    }

    /** fnmatch(3) pattern → regex. */
    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String cls = glob.substring(i + 1, close);
                        if (cls.startsWith("!")) {
                            cls = "^" + cls.substring(1);
                        }
                        re.append('[').append(cls.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
