package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.util.List;

/*
 * bash's echo builtin: -n, -e, -E as leading options (only if every letter is one of them),
 * and the -e escapes (\n \t \\ \c \0nnn \xHH...). A write error is bash's
 * "bash: echo: write error: ..." with status 1, as when writing to a read-only sysfs attribute
 * or a proc file without a write handler.
 */

/** The echo builtin. */
public final class Echo {
    private Echo() {}

    public static int run(Proc p) {
        List<String> args = p.args();
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            for (char c : args.get(i).substring(1).toCharArray()) {
                if (c == 'n') {
                    newline = false;
                } else {
                    escapes = c == 'e';
                }
            }
            i++;
        }
        StringBuilder b = new StringBuilder(String.join(" ", args.subList(i, args.size())));
        if (escapes) {
            String[] cut = {null};
            String s = unescape(b.toString(), cut);
            b = new StringBuilder(s);
            if (cut[0] != null) {
                newline = false;
            }
        }
        if (newline) {
            b.append('\n');
        }
        long r = p.check(p.out().write(b.toString()));
        if (r < 0) {
            p.eprint("bash: echo: write error: " + Errno.strerror((int) r) + "\n");
            return 1;
        }
        return 0;
    }

    /** Interprets backslash escapes; sets cut[0] when \c ends the output. */
    static String unescape(String s, String[] cut) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'a' -> b.append('\007');
                case 'b' -> b.append('\b');
                case 'e', 'E' -> b.append('\033');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\013');
                case '\\' -> b.append('\\');
                case 'c' -> {
                    cut[0] = "";
                    return b.toString();
                }
                case '0' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                        v = v * 8 + (s.charAt(++i) - '0');
                        k++;
                    }
                    b.append((char) v);
                }
                case 'x' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 2 && i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        k++;
                    }
                    if (k == 0) {
                        b.append("\\x");
                    } else {
                        b.append((char) v);
                    }
                }
                default -> b.append('\\').append(n);
            }
        }
        return b.toString();
    }
}
