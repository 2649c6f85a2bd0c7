package dev.kplay.userland.sh;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Input;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * bash's read builtin: one line from stdin (one byte per read(2) when stdin is a descriptor, so
 * the rest stays for the next reader), split on blanks into the named variables, the last taking
 * the rest of the line. Without -r a backslash escapes the next character. -n N stops after N
 * characters; -t is accepted (input here never waits on a terminal). Exit 1 at end of file.
 */

/** read [-r] [-n nchars] [-t timeout] [name ...]. */
final class Read {
    private Read() {}

    static final String USAGE = "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] "
            + "[-p prompt] [-t timeout] [-u fd] [name ...]\n";

    /** Models bash's read_builtin(): 0, 1 at end of file, 2 for a usage error. */
    static int run(Proc p) {
        List<String> args = p.args();
        boolean raw = false;
        int max = 0;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
            String a = args.get(i);
            if (a.equals("-r")) {
                raw = true;
            } else if (a.equals("-n") || a.equals("-t")) {
                if (i + 1 >= args.size()) {
                    p.eprint("bash: read: " + a + ": option requires an argument\n" + USAGE);
                    return 2;
                }
                String v = args.get(++i);
                if (a.equals("-n")) {
                    if (!v.matches("\\d+")) {
                        p.eprint("bash: read: " + v + ": invalid number\n");
                        return 1;
                    }
                    max = Integer.parseInt(v);
                }
            } else {
                p.eprint("bash: read: " + a + ": invalid option\n" + USAGE);
                return 2;
            }
        }
        List<String> names = new ArrayList<>(args.subList(i, args.size()));
        Input.Line line;
        try {
            line = p.input().readLine(p, max);
        } catch (Proc.FileError e) {
            p.eprint("bash: read: read error: 0: " + Errno.strerror(e.errno) + "\n");
            return 1;
        }
        String text = raw ? line.text() : line.text().replaceAll("\\\\(.)", "$1");
        if (names.isEmpty()) {
            p.shell().setVariable("REPLY", text);
        } else {
            String rest = text.strip();
            for (int n = 0; n < names.size(); n++) {
                if (n == names.size() - 1) {
                    p.shell().setVariable(names.get(n), rest);
                    break;
                }
                String[] parts = rest.split("[ \t]+", 2);
                p.shell().setVariable(names.get(n), parts[0]);
                rest = parts.length > 1 ? parts[1] : "";
            }
        }
        return line.eof() ? 1 : 0;
    }
}
