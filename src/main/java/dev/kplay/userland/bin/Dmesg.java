package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * util-linux 2.38's dmesg over syslog(2): READ_ALL (3), READ_CLEAR (4) for -c, CLEAR (5) for -C.
 * The kernel hands back "<N>[    1.234567] text" lines; dmesg prints them as the console does
 * ("[    1.234567] text"), raw with -r, with facility and level names with -x, filtered by -l.
 */

/** dmesg [-r] [-c] [-C] [-x] [-t] [-k] [-l LEVELS]. */
final class Dmesg {
    private Dmesg() {}

    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
        "uucp", "cron", "authpriv", "ftp", "res0", "res1", "res2", "res3", "local0", "local1", "local2", "local3",
        "local4", "local5", "local6", "local7"};

    static int run(Proc p) {
        boolean raw = false;
        boolean decode = false;
        boolean noTime = false;
        int type = 3;
        boolean[] levels = null;
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                switch (a) {
                    case "--raw" -> raw = true;
                    case "--read-clear" -> type = 4;
                    case "--clear" -> type = 5;
                    case "--decode" -> decode = true;
                    case "--notime" -> noTime = true;
                    case "--kernel", "--color", "--nopager", "--syslog", "--ctime", "--human" -> { }
                    default -> {
                        if (a.startsWith("--level=")) {
                            levels = parseLevels(p, a.substring(8));
                            if (levels == null) {
                                return 1;
                            }
                        } else {
                            p.eprint("dmesg: unrecognized option '" + a + "'\nTry 'dmesg --help' for more information.\n");
                            return 1;
                        }
                    }
                }
                continue;
            }
            if (!a.startsWith("-") || a.length() < 2) {
                p.eprint("dmesg: bad usage\nTry 'dmesg --help' for more information.\n");
                return 1;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                switch (c) {
                    case 'r' -> raw = true;
                    case 'c' -> type = 4;
                    case 'C' -> type = 5;
                    case 'x' -> decode = true;
                    case 't' -> noTime = true;
                    case 'k', 'L', 'P', 'S', 'T', 'H', 'e' -> { }
                    case 'l' -> {
                        String list = j + 1 < a.length() ? a.substring(j + 1)
                                : i + 1 < args.size() ? args.get(++i) : null;
                        if (list == null) {
                            p.eprint("dmesg: option requires an argument -- 'l'\nTry 'dmesg --help' for more information.\n");
                            return 1;
                        }
                        levels = parseLevels(p, list);
                        if (levels == null) {
                            return 1;
                        }
                        j = a.length();
                    }
                    default -> {
                        p.eprint("dmesg: invalid option -- '" + c + "'\nTry 'dmesg --help' for more information.\n");
                        return 1;
                    }
                }
            }
        }
        String text = p.sys().syslog(p.pid(), type);
        if (text == null) {
            p.eprint("dmesg: read kernel buffer failed: " + Errno.strerror(p.sys().lastError(p.pid())) + "\n");
            return 1;
        }
        if (type == 5) {
            return 0;
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int prio = 6;
            String rest = line;
            if (line.startsWith("<")) {
                int close = line.indexOf('>');
                if (close > 1 && line.substring(1, close).matches("\\d+")) {
                    prio = Integer.parseInt(line.substring(1, close));
                    rest = line.substring(close + 1);
                }
            }
            int level = prio & 7;
            int facility = prio >> 3;
            if (levels != null && !levels[level]) {
                continue;
            }
            if (raw) {
                b.append(line).append('\n');
                continue;
            }
            if (decode) {
                String fac = facility < FACILITIES.length ? FACILITIES[facility] : String.valueOf(facility);
                b.append(String.format("%-6s:%-6s: ", fac, LEVELS[level]));
            }
            if (noTime && rest.startsWith("[")) {
                int close = rest.indexOf("] ");
                rest = close < 0 ? rest : rest.substring(close + 2);
            }
            b.append(rest).append('\n');
        }
        p.print(b.toString());
        return 0;
    }

    private static boolean[] parseLevels(Proc p, String list) {
        boolean[] out = new boolean[8];
        for (String name : list.split(",")) {
            int found = -1;
            for (int i = 0; i < LEVELS.length; i++) {
                if (LEVELS[i].equals(name) || (name.matches("[0-7]") && Integer.parseInt(name) == i)) {
                    found = i;
                }
            }
            if (found < 0) {
                p.eprint("dmesg: unknown level '" + name + "'\n");
                return null;
            }
            out[found] = true;
        }
        return out;
    }
}
