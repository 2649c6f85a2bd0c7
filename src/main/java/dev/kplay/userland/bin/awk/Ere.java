package dev.kplay.userland.bin.awk;

import dev.kplay.userland.bin.awk.Signals.RuntimeError;

/*
 * awk's regular expressions are POSIX EREs; the interpreter matches with java.util.regex. The two
 * agree on most syntax, so the translation rewrites only where they differ: bracket expressions
 * (character classes like [:digit:], a leading ']' taken literally, '[' '&' '~' '^' inside a class
 * escaped for Java), a brace that is not an interval taken literally, and awk's own escapes ("\/"
 * in a /regex/ literal). Translating once per distinct regex (Interpreter caches the Pattern)
 * keeps matching at Java's speed. Split out of Interpreter because it is a pure function with
 * its own tests' worth of cases.
 */

/** POSIX extended regular expressions as java.util.regex patterns. */
final class Ere {
    private Ere() {
    }

    /** A POSIX ERE as a java.util.regex pattern: bracket expressions and braces are where they differ. */
    static String toJava(String ere) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ere.length(); i++) {
            char c = ere.charAt(i);
            if (c == '\\' && i + 1 < ere.length()) {
                char n = ere.charAt(++i);
                switch (n) {
                    case 'n' -> b.append("\\n");
                    case 't' -> b.append("\\t");
                    case '/' -> b.append('/');
                    case '"' -> b.append('"');
                    default -> b.append('\\').append(n);
                }
            } else if (c == '[') {
                int j = i + 1;
                StringBuilder cls = new StringBuilder("[");
                if (j < ere.length() && ere.charAt(j) == '^') {
                    cls.append('^');
                    j++;
                }
                if (j < ere.length() && ere.charAt(j) == ']') {
                    cls.append("\\]");
                    j++;
                }
                while (j < ere.length() && ere.charAt(j) != ']') {
                    char d = ere.charAt(j);
                    if (ere.startsWith("[:", j)) {
                        int e = ere.indexOf(":]", j);
                        String name = e < 0 ? "" : ere.substring(j + 2, e);
                        String jc = switch (name) {
                            case "digit" -> "\\p{Digit}";
                            case "alpha" -> "\\p{Alpha}";
                            case "alnum" -> "\\p{Alnum}";
                            case "space" -> "\\s";
                            case "blank" -> " \\t";
                            case "upper" -> "\\p{Upper}";
                            case "lower" -> "\\p{Lower}";
                            case "punct" -> "\\p{Punct}";
                            case "xdigit" -> "\\p{XDigit}";
                            case "print" -> "\\p{Print}";
                            case "cntrl" -> "\\p{Cntrl}";
                            default -> null;
                        };
                        if (jc != null) {
                            cls.append(jc);
                            j = e + 2;
                            continue;
                        }
                    }
                    if (d == '\\' && j + 1 < ere.length()) {
                        cls.append('\\').append(ere.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (d == '[' || d == '&' || d == '~' || d == '^') {
                        cls.append('\\');
                    }
                    cls.append(d);
                    j++;
                }
                if (j >= ere.length()) {
                    throw new RuntimeError("regular expression compile failed (bad class -- [], [^] or [)\n" + ere);
                }
                b.append(cls).append(']');
                i = j;
            } else if (c == '{' && !ere.substring(i).matches("(?s)\\{\\d+(,\\d*)?}.*")) {
                b.append("\\{");
            } else if (c == '}') {
                b.append(b.toString().matches("(?s).*\\{\\d+(,\\d*)?") ? "}" : "\\}");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
