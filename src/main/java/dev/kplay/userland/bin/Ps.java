package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * procps-ng 4.0's ps, reading /proc like the real one: /proc/PID/stat for state, ppid and times,
 * /proc/PID/cmdline for the arguments (empty for a kernel thread, shown as "[comm]"). Formats:
 * the default (this terminal's processes), "aux", "-e"/"-ef", and "-o col,col". The STAT column
 * adds 's' for a session leader and '+' for the terminal's foreground group, as procps does.
 */

/** ps [aux | -e | -ef | -A | -o LIST]. */
final class Ps {
    private Ps() {}

    /** What ps knows of one task. */
    record Task(int pid, int ppid, String comm, char state, String args, boolean tty, String stat) {}

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
            tasks = tasks.stream().filter(Task::tty).toList();
        }
        if (columns == null) {
            columns = bsd && full ? List.of("user", "pid", "%cpu", "%mem", "vsz", "rss", "tty", "stat", "start", "time", "command")
                    : bsd ? List.of("pid", "tty", "stat", "time", "command")
                    : full ? List.of("uid", "pid", "ppid", "c", "stime", "tty", "time", "cmd")
                    : List.of("pid", "tty", "time", "ucmd");
        }
        StringBuilder b = new StringBuilder();
        b.append(row(columns, null, bsd)).append('\n');
        for (Task t : tasks) {
            b.append(row(columns, t, bsd)).append('\n');
        }
        p.print(b.toString());
        return 0;
    }

    private static String row(List<String> columns, Task t, boolean bsd) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            boolean last = i == columns.size() - 1;
            String[] spec = spec(c, bsd);
            String value = t == null ? spec[0] : value(c, t, bsd);
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

    private static String value(String c, Task t, boolean bsd) {
        return switch (c) {
            case "pid" -> String.valueOf(t.pid());
            case "ppid" -> String.valueOf(t.ppid());
            case "uid", "user" -> "root";
            case "%cpu", "pcpu", "%mem", "pmem" -> "0.0";
            case "vsz" -> t.args().isEmpty() ? "0" : String.valueOf(2000 + 37 * (t.comm().hashCode() & 0xff));
            case "rss" -> t.args().isEmpty() ? "0" : String.valueOf(1000 + 13 * (t.comm().hashCode() & 0xff));
            case "tty", "tt", "tname" -> t.tty() ? "pts/0" : "?";
            case "stat" -> t.stat();
            case "s", "state" -> String.valueOf(t.state());
            case "start", "stime" -> "00:00";
            case "time" -> bsd ? "0:00" : "00:00:00";
            case "c" -> "0";
            case "comm", "ucomm", "ucmd" -> t.comm();
            case "cmd", "args", "command" -> t.args().isEmpty() ? "[" + t.comm() + "]" : t.args();
            default -> "-";
        };
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
        int shell = p.shell().pid();
        List<int[]> raw = new ArrayList<>();
        List<Task> out = new ArrayList<>();
        java.util.Map<Integer, Integer> parent = new java.util.HashMap<>();
        java.util.Map<Integer, String[]> info = new java.util.HashMap<>();
        for (int pid : pids) {
            String[] fields = statFields(p, pid);
            if (fields == null) {
                continue;
            }
            String comm = fields[0];
            char state = fields[1].isEmpty() ? '?' : fields[1].charAt(0);
            int ppid = fields[2].matches("\\d+") ? Integer.parseInt(fields[2]) : 0;
            byte[] cmdline;
            try {
                cmdline = p.readFile("/proc/" + pid + "/cmdline");
            } catch (Proc.FileError e) {
                cmdline = new byte[0];
            }
            String args = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            parent.put(pid, ppid);
            info.put(pid, new String[] {comm, String.valueOf(state), args});
            raw.add(new int[] {pid, ppid});
        }
        for (int[] r : raw) {
            int pid = r[0];
            boolean tty = false;
            for (int q = pid, hops = 0; q > 0 && hops < 64; q = parent.getOrDefault(q, 0), hops++) {
                if (q == shell) {
                    tty = true;
                    break;
                }
            }
            String[] in = info.get(pid);
            char state = pid == p.pid() ? 'R' : in[1].charAt(0);
            StringBuilder stat = new StringBuilder().append(state);
            if (pid == shell || pid == 1) {
                stat.append('s');
            }
            if (tty && pid != shell && !p.shell().isBackground(pid)) {
                stat.append('+');
            }
            String args = in[2];
            out.add(new Task(pid, r[1], in[0], state, args, tty, stat.toString()));
        }
        return out;
    }

    /** {comm, state, ppid} from /proc/PID/stat, or from /proc/PID/status; null if the task is gone. */
    private static String[] statFields(Proc p, int pid) {
        String stat = p.readText("/proc/" + pid + "/stat");
        if (stat != null && stat.indexOf('(') >= 0 && stat.lastIndexOf(')') > stat.indexOf('(')) {
            String[] rest = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
            return new String[] {stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                rest.length > 0 ? rest[0] : "", rest.length > 1 ? rest[1] : "0"};
        }
        String status = p.readText("/proc/" + pid + "/status");
        if (status == null) {
            return null;
        }
        String[] out = {"", "", "0"};
        for (String line : status.split("\n")) {
            int tab = line.indexOf(':');
            if (tab < 0) {
                continue;
            }
            String v = line.substring(tab + 1).trim();
            switch (line.substring(0, tab)) {
                case "Name" -> out[0] = v;
                case "State" -> out[1] = v;
                case "PPid" -> out[2] = v;
                default -> { }
            }
        }
        return out;
    }
}
