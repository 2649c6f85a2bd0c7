package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;

import java.util.List;

/*
 * The test and [ builtins: POSIX's rules by argument count (0-3 arguments decide by position, so
 * "[ -n ]" is a non-empty string test), and for longer expressions a small recursive descent over
 * ! ( ) -a -o. File tests go through stat(2) of the shell's process; the user is root, so -r and
 * -w are existence. Messages are bash's: "[: missing `]'", "X: unary operator expected",
 * "X: integer expression expected", all exit status 2.
 */

/** test EXPR and [ EXPR ]. */
public final class TestCommand {
    /** A malformed expression; the message follows "bash: [: ". */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final Proc p;
    private final List<String> args;
    private int i;

    private TestCommand(Proc p, List<String> args) {
        this.p = p;
        this.args = args;
    }

    /** Models bash's test_command(): 0 true, 1 false, 2 error. */
    public static int run(Proc p) {
        String name = p.argv().get(0);
        List<String> args = p.args();
        if (name.equals("[")) {
            if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                p.eprint("bash: [: missing `]'\n");
                return 2;
            }
            args = args.subList(0, args.size() - 1);
        }
        try {
            return new TestCommand(p, args).evaluate() ? 0 : 1;
        } catch (Malformed e) {
            p.eprint("bash: " + name + ": " + e.getMessage() + "\n");
            return 2;
        }
    }

    private boolean evaluate() {
        int n = args.size();
        if (n == 0) {
            return false;
        }
        if (n == 1) {
            return !args.get(0).isEmpty();
        }
        if (n == 2) {
            if (args.get(0).equals("!")) {
                return args.get(1).isEmpty();
            }
            return unary(args.get(0), args.get(1));
        }
        if (n == 3 && isBinary(args.get(1))) {
            return binary(args.get(0), args.get(1), args.get(2));
        }
        boolean v = or();
        if (i < n) {
            throw new Malformed("too many arguments");
        }
        return v;
    }

    // or := and ('-o' and)*
    private boolean or() {
        boolean v = and();
        while (i < args.size() && args.get(i).equals("-o")) {
            i++;
            v |= and();
        }
        return v;
    }

    // and := primary ('-a' primary)*
    private boolean and() {
        boolean v = primary();
        while (i < args.size() && args.get(i).equals("-a")) {
            i++;
            v &= primary();
        }
        return v;
    }

    // primary := '!' primary | '(' or ')' | unop arg | arg binop arg | arg
    private boolean primary() {
        if (i >= args.size()) {
            throw new Malformed("argument expected");
        }
        String a = args.get(i++);
        if (a.equals("!")) {
            return !primary();
        }
        if (a.equals("(")) {
            boolean v = or();
            if (i >= args.size() || !args.get(i++).equals(")")) {
                throw new Malformed("`)' expected");
            }
            return v;
        }
        if (i < args.size() && isBinary(args.get(i))) {
            String op = args.get(i++);
            if (i >= args.size()) {
                throw new Malformed("argument expected");
            }
            return binary(a, op, args.get(i++));
        }
        if (a.length() == 2 && a.startsWith("-") && "efdcszrwxn".indexOf(a.charAt(1)) >= 0 && i < args.size()) {
            return unary(a, args.get(i++));
        }
        return !a.isEmpty();
    }

    private static boolean isBinary(String op) {
        return List.of("=", "==", "!=", "-eq", "-ne", "-lt", "-gt", "-le", "-ge", "<", ">").contains(op);
    }

    private boolean unary(String op, String arg) {
        if (op.equals("-z")) {
            return arg.isEmpty();
        }
        if (op.equals("-n")) {
            return !arg.isEmpty();
        }
        if (op.length() != 2 || op.charAt(0) != '-' || "efdcsrwx".indexOf(op.charAt(1)) < 0) {
            throw new Malformed(op + ": unary operator expected");
        }
        long[] st = p.sys().stat(p.pid(), p.path(arg));
        if (st == null || arg.isEmpty()) {
            return false;
        }
        long type = st[0] & 0170000;
        return switch (op.charAt(1)) {
            case 'f' -> type == 0100000;
            case 'd' -> type == 0040000;
            case 'c' -> type == 0020000;
            case 's' -> st[1] > 0;
            case 'x' -> (st[0] & 0111) != 0;
            default -> true;
        };
    }

    private boolean binary(String a, String op, String b) {
        return switch (op) {
            case "=", "==" -> a.equals(b);
            case "!=" -> !a.equals(b);
            case "<" -> a.compareTo(b) < 0;
            case ">" -> a.compareTo(b) > 0;
            default -> {
                long x = integer(a);
                long y = integer(b);
                yield switch (op) {
                    case "-eq" -> x == y;
                    case "-ne" -> x != y;
                    case "-lt" -> x < y;
                    case "-gt" -> x > y;
                    case "-le" -> x <= y;
                    default -> x >= y;
                };
            }
        };
    }

    private static long integer(String s) {
        String t = s.trim();
        if (!t.matches("[-+]?\\d+")) {
            throw new Malformed(s + ": integer expression expected");
        }
        return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    }
}
