package dev.kplay.userland.bin.awk;

import dev.kplay.userland.bin.awk.Signals.RuntimeError;
import dev.kplay.userland.bin.awk.Node.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * awk's built-in functions (POSIX "String Functions" and "Arithmetic Functions"): length,
 * substr with its rounding rules, index, split, sub and gsub with & in the replacement, match
 * setting RSTART and RLENGTH, sprintf, tolower, toupper, and the arithmetic ones. system() is
 * refused: kplay's awk cannot start a shell from inside a program.
 */

/** awk's built-in functions. */
final class Functions {
    private Functions() {}

    static Value call(Interpreter in, String name, List<Expr> args) {
        int n = args.size();
        return switch (name) {
            case "length" -> {
                if (n == 0) {
                    yield Value.num(in.record().length());
                }
                if (args.get(0) instanceof Node.Var v) {
                    try {
                        yield Value.num(in.toStr(in.get(v.name())).length());
                    } catch (RuntimeError e) {
                        yield Value.num(in.arrayNamed(v.name()).size());
                    }
                }
                yield Value.num(in.toStr(in.eval(args.get(0))).length());
            }
            case "substr" -> {
                arity(name, n, 2, 3);
                String s = in.toStr(in.eval(args.get(0)));
                double m = in.eval(args.get(1)).num();
                double len = n == 3 ? in.eval(args.get(2)).num() : s.length() + 1.0;
                if (Double.isNaN(m) || Double.isNaN(len)) {
                    yield Value.string("");
                }
                // mawk 1.3.4 20200120 truncates both, and a start below 1 lengthens the result by
                // as much (substr("hello", -1, 3) is "hell"): Debian's awk, so kplay's too.
                long start = (long) Math.max(-1e9, Math.min(1e9, m));
                long count = (long) Math.max(-1e9, Math.min(1e9, len));
                if (start < 1) {
                    count -= start;
                    start = 1;
                }
                long end = Math.min(s.length() + 1L, start + Math.max(0, count));
                yield Value.string(start >= end ? "" : s.substring((int) start - 1, (int) end - 1));
            }
            case "index" -> {
                arity(name, n, 2, 2);
                yield Value.num(in.toStr(in.eval(args.get(0))).indexOf(in.toStr(in.eval(args.get(1)))) + 1);
            }
            case "split" -> {
                arity(name, n, 2, 3);
                String s = in.toStr(in.eval(args.get(0)));
                if (!(args.get(1) instanceof Node.Var a)) {
                    throw new RuntimeError("split: second argument is not an array");
                }
                List<String> parts;
                if (n == 3 && args.get(2) instanceof Node.Regex r) {
                    parts = s.isEmpty() ? List.of() : List.of(in.regex(r.source()).split(s, -1));
                } else {
                    parts = in.split(s, n == 3 ? in.toStr(in.eval(args.get(2))) : in.toStr(in.get("FS")));
                }
                Map<String, Value> arr = in.arrayNamed(a.name());
                arr.clear();
                for (int i = 0; i < parts.size(); i++) {
                    arr.put(String.valueOf(i + 1), Value.strnum(parts.get(i)));
                }
                yield Value.num(parts.size());
            }
            case "sub", "gsub" -> {
                arity(name, n, 2, 3);
                Pattern re = in.regexArg(args.get(0));
                String repl = in.toStr(in.eval(args.get(1)));
                Expr target = n == 3 ? args.get(2) : new Node.Field(new Node.Num(0));
                String s = in.toStr(in.eval(target));
                int[] count = {0};
                String r = substitute(re, repl, s, name.equals("gsub"), count);
                if (count[0] > 0) {
                    in.assignTo(target, Value.string(r));
                }
                yield Value.num(count[0]);
            }
            case "match" -> {
                arity(name, n, 2, 2);
                String s = in.toStr(in.eval(args.get(0)));
                Matcher m = in.regexArg(args.get(1)).matcher(s);
                int start = m.find() ? m.start() + 1 : 0;
                int len = start > 0 ? m.end() - m.start() : -1;
                in.set("RSTART", Value.num(start));
                in.set("RLENGTH", Value.num(len));
                yield Value.num(start);
            }
            case "sprintf" -> {
                if (n == 0) {
                    throw new RuntimeError("sprintf: no format");
                }
                List<Value> vals = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    vals.add(in.eval(args.get(i)));
                }
                yield Value.string(Format.sprintf(in.toStr(in.eval(args.get(0))), vals, in.toStr(in.get("CONVFMT"))));
            }
            case "tolower" -> Value.string(in.toStr(in.eval(one(name, args))).toLowerCase());
            case "toupper" -> Value.string(in.toStr(in.eval(one(name, args))).toUpperCase());
            case "int" -> {
                double d = in.eval(one(name, args)).num();
                yield Value.num(d < 0 ? Math.ceil(d) : Math.floor(d));
            }
            case "sqrt" -> Value.num(Math.sqrt(in.eval(one(name, args)).num()));
            case "exp" -> Value.num(Math.exp(in.eval(one(name, args)).num()));
            case "log" -> Value.num(Math.log(in.eval(one(name, args)).num()));
            case "sin" -> Value.num(Math.sin(in.eval(one(name, args)).num()));
            case "cos" -> Value.num(Math.cos(in.eval(one(name, args)).num()));
            case "atan2" -> {
                arity(name, n, 2, 2);
                yield Value.num(Math.atan2(in.eval(args.get(0)).num(), in.eval(args.get(1)).num()));
            }
            case "rand" -> Value.num(in.random().nextDouble());
            case "srand" -> {
                if (n > 0) {
                    in.random().setSeed((long) in.eval(args.get(0)).num());
                }
                yield Value.ZERO;
            }
            case "close", "fflush" -> {
                for (Expr a : args) {
                    in.eval(a);
                }
                yield Value.ZERO;
            }
            default -> throw new RuntimeError(name + "() is not supported by kplay's awk");
        };
    }

    private static Expr one(String name, List<Expr> args) {
        arity(name, args.size(), 1, 1);
        return args.get(0);
    }

    private static void arity(String name, int n, int min, int max) {
        if (n < min || n > max) {
            throw new RuntimeError("wrong number of arguments in call to " + name);
        }
    }

    /** sub/gsub: '&' in the replacement is the matched text, "\&" a literal ampersand. */
    static String substitute(Pattern re, String repl, String s, boolean global, int[] count) {
        Matcher m = re.matcher(s);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos <= s.length() && m.find(pos)) {
            out.append(s, pos, m.start());
            for (int i = 0; i < repl.length(); i++) {
                char c = repl.charAt(i);
                if (c == '\\' && i + 1 < repl.length() && (repl.charAt(i + 1) == '&' || repl.charAt(i + 1) == '\\')) {
                    out.append(repl.charAt(++i));
                } else if (c == '&') {
                    out.append(m.group());
                } else {
                    out.append(c);
                }
            }
            count[0]++;
            if (m.end() == m.start()) {
                if (m.end() < s.length()) {
                    out.append(s.charAt(m.end()));
                }
                pos = m.end() + 1;
            } else {
                pos = m.end();
            }
            if (!global) {
                break;
            }
        }
        if (pos < s.length()) {
            out.append(s, pos, s.length());
        }
        return out.toString();
    }
}
