package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * procps-ng 4.0's ps, reading /proc like the real one: /proc/PID/stat for the state, ids, terminal,
 * nice, times and sizes, /proc/PID/cmdline for the arguments (empty for a kernel thread, shown as
 * "[comm]"). Formats: the default (this terminal's processes), "aux", "-e"/"-ef", and "-o col,col".
 * The STAT column is pr_stat()'s: '<' for a negative nice, 'N' for a positive one, 's' for a session
 * leader, 'l' for several threads, '+' for a process in its terminal's foreground group.
 */

/** ps [aux | -e | -ef | -A | -o LIST]. */
final class Ps {
    private Ps() {}

    /**
     * What ps reads of one task from /proc/PID/stat (and cmdline): times in clock ticks, vsize in
     * bytes, rss in pages.
     */
    record Task(int pid, int ppid, String comm, char state, String args, int pgrp, int session, int ttyNr,
                int tpgid, int nice, int nlwp, long ticks, long startTicks, long vsize, long rss) {
        boolean tty() { return ttyNr != 0; }

        /** procps' pr_stat(): the state, then '<' or 'N' by nice, 's' session leader, 'l' threads, '+' foreground. */
        String stat() {
            StringBuilder b = new StringBuilder().append(state);
            if (nice < 0) {
                b.append('<');
            }
            if (nice > 0) {
                b.append('N');
            }
            if (session == pid) {
                b.append('s');
            }
            if (nlwp > 1) {
                b.append('l');
            }
            if (pgrp == tpgid) {
                b.append('+');
            }
            return b.toString();
        }

        /** The TTY column: dev_to_tty() for a pts ("pts/0"), "?" for none. */
        String ttyName() {
            int major = (ttyNr >> 8) & 0xfff;
            int minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
            return ttyNr == 0 ? "?" : major == 136 ? "pts/" + minor : major == 4 ? "tty" + minor : "?";
        }
    }

    static int run(Proc p) {
        boolean all = false, full = false, bsd = false;
        List<String> columns = null;
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-o") || a.equals("o") || a.equals("--format")) {
                if (i + 1 >= args.size()) {
                    p.eprint("error: list of column names must follow -o\n");
                    return 1;
                }
                columns = columns == null ? new ArrayList<>() : columns;
                columns.addAll(Arrays.asList(args.get(++i).split("[, ]")));
            } else if (a.startsWith("-o") && a.length() > 2) {
                columns = columns == null ? new ArrayList<>() : columns;
                columns.addAll(Arrays.asList(a.substring(2).split("[, ]")));
            } else if (a.startsWith("-")) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (c == 'o') {
                        // a cluster ending in o (-eo pid,stat,args): the rest of the word, or the next word, is the list
                        String list = j + 1 < a.length() ? a.substring(j + 1) : i + 1 < args.size() ? args.get(++i) : null;
                        if (list == null) {
                            p.eprint("error: list of column names must follow -o\n");
                            return 1;
                        }
                        columns = columns == null ? new ArrayList<>() : columns;
                        columns.addAll(Arrays.asList(list.split("[, ]")));
                        break;
                    }
                    switch (c) {
                        case 'e', 'A' -> all = true;
                        case 'f' -> full = true;
                        case 'l', 'w', 'H' -> { }
                        default -> {
                            p.eprint("error: unsupported SysV option\n\nUsage:\n ps [options]\n\n"
                                    + " Try 'ps --help <simple|list|output|threads|misc|all>'\n"
                                    + "  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\n"
                                    + "For more details see ps(1).\n");
                            return 1;
                        }
                    }
                }
            } else {
                bsd = true;
                all |= a.contains("a") || a.contains("x");
                full |= a.contains("u");
            }
        }
        List<Task> tasks = tasks(p);
        if (!all) {
            // the processes of ps's own terminal (procps' default selection: same tty and euid)
            int own = tasks.stream().filter(t -> t.pid() == p.pid()).mapToInt(Task::ttyNr).findFirst().orElse(0);
            tasks = tasks.stream().filter(t -> t.tty() && t.ttyNr() == own).toList();
        }
        long uptime = uptimeTicks(p);
        if (columns == null) {
            columns = bsd && full ? List.of("user", "pid", "%cpu", "%mem", "vsz", "rss", "tty", "stat", "start", "time", "command")
                    : bsd ? List.of("pid", "tty", "stat", "time", "command")
                    : full ? List.of("uid", "pid", "ppid", "c", "stime", "tty", "time", "cmd")
                    : List.of("pid", "tty", "time", "ucmd");
        }
        StringBuilder b = new StringBuilder();
        b.append(row(columns, null, bsd, uptime)).append('\n');
        for (Task t : tasks) {
            b.append(row(columns, t, bsd, uptime)).append('\n');
        }
        p.print(b.toString());
        return 0;
    }

    /** /proc/uptime's first figure, in clock ticks (what procps' etime counts from). */
    private static long uptimeTicks(Proc p) {
        String up = p.readText("/proc/uptime");
        if (up == null || up.isBlank()) {
            return 0;
        }
        String[] sec = up.trim().split("\\s+")[0].split("\\.");
        return Long.parseLong(sec[0]) * 100 + (sec.length > 1 ? Long.parseLong((sec[1] + "00").substring(0, 2)) : 0);
    }

    private static String row(List<String> columns, Task t, boolean bsd, long uptime) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            boolean last = i == columns.size() - 1;
            String[] spec = spec(c, bsd);
            String value = t == null ? spec[0] : value(c, t, bsd, uptime);
            int width = Integer.parseInt(spec[1]);
            boolean right = spec[2].equals("R");
            if (i > 0) {
                b.append(' ');
            }
            if (right) {
                b.append(String.format("%" + width + "s", value));
            } else if (last) {
                b.append(value);
            } else {
                b.append(String.format("%-" + width + "s", value));
            }
        }
        return b.toString();
    }

    /** {header, width, R|L} of a format specifier. */
    private static String[] spec(String c, boolean bsd) {
        return switch (c) {
            case "pid" -> new String[] {"PID", "7", "R"};
            case "pgid", "pgrp" -> new String[] {"PGID", "7", "R"};
            case "sid", "sess", "session" -> new String[] {"SID", "7", "R"};
            case "tpgid" -> new String[] {"TPGID", "7", "R"};
            case "ni", "nice" -> new String[] {"NI", "3", "R"};
            case "ppid" -> new String[] {"PPID", "7", "R"};
            case "uid" -> new String[] {"UID", "8", "L"};
            case "user" -> new String[] {"USER", "8", "L"};
            case "%cpu", "pcpu" -> new String[] {"%CPU", "4", "R"};
            case "%mem", "pmem" -> new String[] {"%MEM", "4", "R"};
            case "vsz" -> new String[] {"VSZ", "6", "R"};
            case "rss" -> new String[] {"RSS", "5", "R"};
            case "tty", "tt", "tname" -> new String[] {bsd ? "TTY" : "TTY", "8", "L"};
            case "stat" -> new String[] {"STAT", "4", "L"};
            case "s", "state" -> new String[] {"S", "1", "L"};
            case "start", "stime" -> new String[] {c.equals("start") ? "START" : "STIME", "5", "L"};
            case "time" -> new String[] {"TIME", bsd ? "6" : "8", "R"};
            case "c" -> new String[] {"C", "2", "R"};
            case "comm", "ucomm" -> new String[] {"COMMAND", "15", "L"};
            case "ucmd" -> new String[] {"CMD", "15", "L"};
            case "cmd" -> new String[] {"CMD", "27", "L"};
            case "args", "command" -> new String[] {"COMMAND", "27", "L"};
            default -> new String[] {c.toUpperCase(), String.valueOf(c.length()), "L"};
        };
    }

    /** kplay's MemTotal (/proc/meminfo), in KiB, that %MEM is a share of. */
    private static final long MEM_TOTAL_KB = 261624;

    private static String value(String c, Task t, boolean bsd, long uptime) {
        long seconds = t.ticks() / 100;
        return switch (c) {
            case "pid" -> String.valueOf(t.pid());
            case "ppid" -> String.valueOf(t.ppid());
            case "pgid", "pgrp" -> String.valueOf(t.pgrp());
            case "sid", "sess", "session" -> String.valueOf(t.session());
            case "tpgid" -> String.valueOf(t.tpgid());
            case "ni", "nice" -> String.valueOf(t.nice());
            case "uid", "user" -> "root";
            case "%cpu", "pcpu" -> pcpu(t, uptime);
            case "%mem", "pmem" -> {
                long per = t.rss() * 4 * 1000 / MEM_TOTAL_KB;                // pr_pmem(): tenths of a percent
                yield per / 10 + "." + per % 10;
            }
            case "vsz" -> String.valueOf(t.vsize() / 1024);
            case "rss" -> String.valueOf(t.rss() * 4);
            case "tty", "tt", "tname" -> t.ttyName();
            case "stat" -> t.stat();
            case "s", "state" -> String.valueOf(t.state());
            case "start", "stime" -> "00:00";
            case "time" -> bsd ? String.format("%d:%02d", seconds / 60, seconds % 60)
                    : String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
            case "c" -> "0";
            case "comm", "ucomm", "ucmd" -> t.comm();
            case "cmd", "args", "command" -> t.args().isEmpty() ? "[" + t.comm() + "]" : t.args();
            default -> "-";
        };
    }

    /** pr_pcpu(): CPU time over the time since the task started, in tenths of a percent. */
    private static String pcpu(Task t, long uptime) {
        long seconds = (uptime - t.startTicks()) / 100;
        long per = seconds > 0 ? t.ticks() * 1000 / 100 / seconds : 0;
        return per > 999 ? String.valueOf(per / 10) : per / 10 + "." + per % 10;
    }

    /** Every task in /proc, by pid. */
    static List<Task> tasks(Proc p) {
        List<String> entries = p.sys().listDir(p.pid(), "/proc");
        List<Integer> pids = new ArrayList<>();
        if (entries != null) {
            for (String e : entries) {
                if (e.matches("\\d+")) {
                    pids.add(Integer.parseInt(e));
                }
            }
        }
        pids.sort(null);
        List<Task> out = new ArrayList<>();
        for (int pid : pids) {
            String stat = p.readText("/proc/" + pid + "/stat");
            if (stat == null || stat.indexOf('(') < 0 || stat.lastIndexOf(')') < stat.indexOf('(')) {
                continue;                                   // the task is gone
            }
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] f = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
            if (f.length < 22) {
                continue;
            }
            long[] v = new long[f.length];
            for (int i = 1; i < f.length; i++) {
                try {
                    v[i] = Long.parseUnsignedLong(f[i]);
                } catch (NumberFormatException e) {
                    v[i] = f[i].startsWith("-") ? Long.parseLong(f[i]) : 0;
                }
            }
            byte[] cmdline;
            try {
                cmdline = p.readFile("/proc/" + pid + "/cmdline");
            } catch (Proc.FileError e) {
                cmdline = new byte[0];
            }
            String args = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            out.add(new Task(pid, (int) v[1], comm, f[0].charAt(0), args, (int) v[2], (int) v[3], (int) v[4],
                    (int) v[5], (int) v[16], (int) v[17], v[11] + v[12], v[19], v[20], v[21]));
        }
        return out;
    }
}
