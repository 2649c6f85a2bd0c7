package dev.kplay.userland.bin.awk;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;
import dev.kplay.userland.bin.awk.Signals.ExitSignal;
import dev.kplay.userland.bin.awk.Signals.NextSignal;
import dev.kplay.userland.bin.awk.Signals.RuntimeError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * awk as Debian installs it (mawk 1.3.4): -F, -v, -f, the program, and operands that are files
 * or var=value assignments. A real interpreter (Lexer, Parser, Interpreter) runs the program:
 * BEGIN rules, then each record of the input against the pattern-action rules, then END rules.
 * Messages follow mawk's ("awk: line 1: syntax error at or near }", "run time error: ...").
 */

/** awk [-F fs] [-v var=value] [-f progfile | 'program'] [file ...]. */
public final class Awk implements Interpreter.Io {
    private static final int FLUSH_AT = 64 * 1024;

    private final Proc p;
    private final String name;
    private final List<String> operands;
    private Interpreter in;
    private final StringBuilder out = new StringBuilder();
    private int operand = -1;
    private List<String> records = List.of();
    private int recordIndex;
    private final Map<String, Integer> outputFds = new HashMap<>();
    private final Map<String, String[]> inputFiles = new HashMap<>();
    private final Map<String, Integer> inputPos = new HashMap<>();
    private boolean usedStdin;

    private Awk(Proc p, List<String> operands) {
        this.p = p;
        this.name = Paths.baseName(p.argv().get(0));
        this.operands = operands;
    }

    public static int run(Proc p) {
        List<String> args = p.args();
        String fs = null;
        List<String[]> assigns = new ArrayList<>();
        StringBuilder progText = null;
        String self = Paths.baseName(p.argv().get(0));
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.length() < 2) {
                break;
            }
            char o = a.charAt(1);
            String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
            if ("Fvf".indexOf(o) < 0) {
                p.eprint(self + ": not an option: " + a + "\n");
                return 2;
            }
            if (v == null) {
                p.eprint(self + ": option requires an argument -- " + o + "\n");
                return 2;
            }
            if (o == 'F') {
                fs = unescape(v);
            } else if (o == 'v') {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    p.eprint(self + ": improper assignment: -v " + v + "\n");
                    return 2;
                }
                assigns.add(new String[] {v.substring(0, eq), unescape(v.substring(eq + 1))});
            } else {
                try {
                    byte[] text = p.operand(v);
                    progText = (progText == null ? new StringBuilder() : progText.append('\n'))
                            .append(new String(text, StandardCharsets.UTF_8));
                } catch (Proc.FileError e) {
                    p.eprint(self + ": couldn't open file " + v + "\n");
                    return 2;
                }
            }
            i++;
        }
        if (progText == null) {
            if (i >= args.size()) {
                p.eprint("usage: " + self + " [-F value] [-v var=value] [--] 'program text' [file ...]\n"
                        + "usage: " + self + " [-F value] [-v var=value] [-f program-file] [--] [file ...]\n");
                return 2;
            }
            progText = new StringBuilder(args.get(i++));
        }
        Node.Program program;
        try {
            program = Parser.parse(progText.toString());
        } catch (Lexer.SyntaxError e) {
            p.eprint(self + ": line " + e.line + ": " + e.getMessage() + "\n");
            return 2;
        }
        Awk awk = new Awk(p, new ArrayList<>(args.subList(i, args.size())));
        awk.in = new Interpreter(program, awk);
        if (fs != null) {
            awk.in.set("FS", Value.string(fs.equals("t") ? "t" : fs));
        }
        for (String[] kv : assigns) {
            awk.in.set(kv[0], Value.strnum(kv[1]));
        }
        return awk.execute(program);
    }

    private int execute(Node.Program program) {
        int status = 0;
        boolean exited = false;
        try {
            try {
                for (Node.Rule r : program.rules()) {
                    if (r.kind().equals("BEGIN")) {
                        in.run(r.action());
                    }
                }
                boolean needInput = program.rules().stream().anyMatch(r -> !r.kind().equals("BEGIN"));
                if (needInput) {
                    mainLoop(program);
                }
            } catch (ExitSignal e) {
                status = e.status;
            }
            try {
                for (Node.Rule r : program.rules()) {
                    if (r.kind().equals("END")) {
                        in.run(r.action());
                    }
                }
            } catch (ExitSignal e) {
                status = e.status;
            }
        } catch (RuntimeError e) {
            flush();
            p.eprint(name + ": run time error: " + e.getMessage() + "\n\tFILENAME=\"" + in.toStr(in.get("FILENAME"))
                    + "\" FNR=" + in.toStr(in.get("FNR")) + " NR=" + in.toStr(in.get("NR")) + "\n");
            return 2;
        } catch (Format.TooFewArguments e) {
            out.append(e.partial);
            flush();
            p.eprint(name + ": run time error: " + e.getMessage() + "\n\tFILENAME=\"" + in.toStr(in.get("FILENAME"))
                    + "\" FNR=" + in.toStr(in.get("FNR")) + " NR=" + in.toStr(in.get("NR")) + "\n");
            return 2;
        } catch (OpenFailed e) {
            flush();
            p.eprint(name + ": " + e.getMessage() + "\n");
            return 2;
        } finally {
            for (int fd : outputFds.values()) {
                p.sys().close(p.pid(), fd);
            }
        }
        flush();
        return status & 0xff;
    }

    private void mainLoop(Node.Program program) {
        List<Node.Rule> rules = program.rules().stream().filter(r -> r.kind().equals("MAIN") || r.kind().equals("RANGE")).toList();
        boolean[] inRange = new boolean[rules.size()];
        String rec;
        while ((rec = nextRecord()) != null) {
            in.set("NR", Value.num(in.get("NR").num() + 1));
            in.set("FNR", Value.num(in.get("FNR").num() + 1));
            in.setRecord(rec);
            try {
                for (int k = 0; k < rules.size(); k++) {
                    Node.Rule r = rules.get(k);
                    boolean fire;
                    if (r.kind().equals("RANGE")) {
                        if (!inRange[k]) {
                            fire = in.eval(r.pattern()).truthy();
                            inRange[k] = fire && !in.eval(r.pattern2()).truthy();
                        } else {
                            fire = true;
                            inRange[k] = !in.eval(r.pattern2()).truthy();
                        }
                    } else {
                        fire = r.pattern() == null || in.eval(r.pattern()).truthy();
                    }
                    if (fire) {
                        if (r.action() == null) {
                            print(null, null, in.record() + in.toStr(in.get("ORS")));
                        } else {
                            in.run(r.action());
                        }
                    }
                }
            } catch (NextSignal n) {
                // on to the next record
            }
        }
    }

    // ---- input --------------------------------------------------------------------------------------

    /** A file that cannot be opened: mawk's "cannot open F (reason)", exit 2. */
    private static final class OpenFailed extends RuntimeException {
        OpenFailed(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String nextRecord() {
        while (recordIndex >= records.size()) {
            if (!openNextOperand()) {
                return null;
            }
        }
        return records.get(recordIndex++);
    }

    private boolean openNextOperand() {
        while (true) {
            operand++;
            if (operand >= operands.size()) {
                if (usedStdin || operands.stream().anyMatch(o -> !o.matches("[A-Za-z_]\\w*=.*"))) {
                    return false;
                }
                usedStdin = true;
                load("-", "");
                return true;
            }
            String o = operands.get(operand);
            if (o.matches("[A-Za-z_]\\w*=.*")) {
                int eq = o.indexOf('=');
                in.set(o.substring(0, eq), Value.strnum(unescape(o.substring(eq + 1))));
                continue;
            }
            if (o.equals("-")) {
                usedStdin = true;
            }
            load(o, o.equals("-") ? "" : o);
            return true;
        }
    }

    private void load(String operandName, String filename) {
        byte[] data;
        try {
            data = p.operand(operandName);
        } catch (Proc.FileError e) {
            throw new OpenFailed("cannot open " + operandName + " (" + Errno.strerror(e.errno) + ")");
        }
        in.set("FILENAME", Value.string(filename));
        in.set("FNR", Value.ZERO);
        records = splitRecords(new String(data, StandardCharsets.UTF_8), in.toStr(in.get("RS")));
        recordIndex = 0;
    }

    private List<String> splitRecords(String text, String rs) {
        List<String> out = new ArrayList<>();
        if (rs.isEmpty()) {
            for (String para : text.replaceFirst("^\n+", "").split("\n\n+")) {
                if (!para.isEmpty()) {
                    out.add(para.replaceFirst("\n+$", ""));
                }
            }
            return out;
        }
        if (text.isEmpty()) {
            return out;
        }
        String[] parts = rs.length() == 1 ? text.split(java.util.regex.Pattern.quote(rs), -1) : in.regex(rs).split(text, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                break;
            }
            out.add(parts[i]);
        }
        return out;
    }

    @Override
    public String readLine(String file) {
        String[] lines = inputFiles.get(file);
        if (lines == null) {
            try {
                String text = new String(p.operand(file), StandardCharsets.UTF_8);
                lines = splitRecords(text, "\n").toArray(new String[0]);
            } catch (Proc.FileError e) {
                return null;
            }
            inputFiles.put(file, lines);
        }
        int pos = inputPos.getOrDefault(file, 0);
        if (pos >= lines.length) {
            return null;
        }
        inputPos.put(file, pos + 1);
        return lines[pos];
    }

    // ---- output -------------------------------------------------------------------------------------

    @Override
    public void print(String dest, String redirect, String text) {
        if (dest == null || dest.equals("/dev/stdout") || dest.equals("-")) {
            out.append(text);
            if (out.length() > FLUSH_AT) {
                flush();
            }
            return;
        }
        if (redirect.equals("|")) {
            throw new RuntimeError("output to a command (| \"" + dest + "\") is not supported by kplay's awk");
        }
        if (dest.equals("/dev/stderr")) {
            flush();
            p.eprint(text);
            return;
        }
        Integer fd = outputFds.get(dest);
        if (fd == null) {
            int flags = 01 | 0100 | (redirect.equals(">>") ? 02000 : 01000);
            long r = p.check(p.sys().open(p.pid(), p.path(dest), flags, 0644));
            if (r < 0) {
                throw new OpenFailed("cannot open \"" + dest + "\" for output (" + Errno.strerror((int) r) + ")");
            }
            fd = (int) r;
            outputFds.put(dest, fd);
        }
        p.check(p.sys().write(p.pid(), fd, text.getBytes(StandardCharsets.UTF_8)));
    }

    private void flush() {
        if (out.length() > 0) {
            p.print(out.toString());
            out.setLength(0);
        }
    }

    /** Escape sequences in -F, -v and command-line assignments, as in string constants. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        List<Lexer.Token> t = Lexer.tokenize("\"" + s.replace("\"", "\\\"") + "\"");
        return t.get(0).text();
    }
}
