package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;

/*
 * coreutils uname over uname(2). -a prints every field the kernel knows and "GNU/Linux"; the
 * processor and hardware-platform fields are "unknown" on Debian, so -a leaves them out.
 */

/** uname [-asnrvmo]. */
final class Uname {
    private Uname() {}

    static int run(Proc p) {
        String[] u = p.sys().uname(p.pid());
        boolean s = false, n = false, r = false, v = false, m = false, o = false, pr = false, i = false;
        for (String a : p.args()) {
            String flags = switch (a) {
                case "--all" -> "a";
                case "--kernel-name" -> "s";
                case "--nodename" -> "n";
                case "--kernel-release" -> "r";
                case "--kernel-version" -> "v";
                case "--machine" -> "m";
                case "--operating-system" -> "o";
                default -> a.startsWith("-") && a.length() > 1 ? a.substring(1) : null;
            };
            if (flags == null) {
                p.eprint("uname: extra operand '" + a + "'\nTry 'uname --help' for more information.\n");
                return 1;
            }
            for (char c : flags.toCharArray()) {
                switch (c) {
                    case 'a' -> s = n = r = v = m = o = true;
                    case 's' -> s = true;
                    case 'n' -> n = true;
                    case 'r' -> r = true;
                    case 'v' -> v = true;
                    case 'm' -> m = true;
                    case 'o' -> o = true;
                    case 'p' -> pr = true;
                    case 'i' -> i = true;
                    default -> {
                        p.eprint("uname: invalid option -- '" + c + "'\nTry 'uname --help' for more information.\n");
                        return 1;
                    }
                }
            }
        }
        if (!(s || n || r || v || m || o || pr || i)) {
            s = true;
        }
        StringBuilder b = new StringBuilder();
        append(b, s, u[0]);
        append(b, n, u[1]);
        append(b, r, u[2]);
        append(b, v, u[3]);
        append(b, m, u[4]);
        append(b, pr, "unknown");
        append(b, i, "unknown");
        append(b, o, "GNU/Linux");
        p.print(b.append('\n').toString());
        return 0;
    }

    private static void append(StringBuilder b, boolean on, String field) {
        if (on) {
            b.append(b.isEmpty() ? "" : " ").append(field);
        }
    }
}
