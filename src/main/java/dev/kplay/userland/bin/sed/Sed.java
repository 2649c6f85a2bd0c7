package dev.kplay.userland.bin.sed;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import dev.kplay.userland.bin.sed.Script.Cmd;
import dev.kplay.userland.bin.sed.Script.ScriptError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/*
 * GNU sed 4.9 for the commands tutorials use: addresses (N, $, /re/, a,b, a,+N, !), and the
 * commands { } = a i c d p n q Q s y h H g G x and #. Scripts come from -e (several join with
 * newlines, as GNU does) or the first operand; -n, -E/-r, -s. Regular expressions are BRE unless
 * -E, translated as grep translates them. Errors carry GNU's "-e expression #1, char N:" prefix.
 * This file is the command line and the files, as GNU sed's sed.c; the script is compiled by
 * Parser (compile.c) into a Script and run by Interpreter (execute.c), each half a few hundred
 * lines that read on their own.
 */

/** sed [-n] [-E] [-e SCRIPT]... [SCRIPT] [FILE...]. */
public final class Sed {
    private Sed() {}

    /** Runs sed with the process's arguments; the exit status. */
    public static int run(Proc p) {
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
            cmds = Parser.parse(script, ere);
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
                addLines(text, lines);
            } catch (Proc.FileError e) {
                p.eprint("sed: can't read " + f + ": " + Errno.strerror(e.errno) + "\n");
                status = 2;
            }
        }
        StringBuilder out = new StringBuilder();
        int exit = Interpreter.execute(cmds, lines, quiet, lastHasNewline, out);
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
            addLines(text, lines);
            StringBuilder out = new StringBuilder();
            int exit = Interpreter.execute(cmds, lines, quiet, lastHasNewline, out);
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

    /** The lines of text, without their newlines, added to lines (none for empty text). */
    private static void addLines(String text, List<String> lines) {
        if (text.isEmpty()) {
            return;
        }
        boolean lastHasNewline = text.endsWith("\n");
        for (String l : (lastHasNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1)) {
            lines.add(l);
        }
    }

        private static boolean hadE(List<String> args) {
        return args.stream().anyMatch(a -> a.startsWith("-e"));
    }
}
