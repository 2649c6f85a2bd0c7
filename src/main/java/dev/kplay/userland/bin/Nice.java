package dev.kplay.userland.bin;

import dev.kplay.userland.Command;
import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.util.List;

/*
 * coreutils 9.1's nice and util-linux 2.38.1's renice, over getpriority()/setpriority(): nice runs
 * a command with its niceness raised (by 10 unless told), as the same process (it exec's the
 * command, so ps shows the command, with 'N' or '<' in STAT); renice sets the nice value of running
 * processes (util-linux 2.38 takes the value as absolute, -n or not) and says what it changed.
 * Messages as those programs print them on Debian 12.
 */

/** nice [-n N] [COMMAND [ARG]...] and renice [-n] N [-p|-g] ID.... */
final class Nice {
    private Nice() {}

    /** nice: without a command, the niceness it runs at; with one, runs it adjusted. */
    static int nice(Proc p) {
        List<String> a = p.args();
        int adjust = 10;
        int i = 0;
        if (i < a.size() && (a.get(i).equals("-n") || a.get(i).startsWith("--adjustment="))) {
            String v = a.get(i).equals("-n") ? (i + 1 < a.size() ? a.get(++i) : null) : a.get(i).substring(13);
            if (v == null) {
                p.eprint("nice: option requires an argument -- 'n'\nTry 'nice --help' for more information.\n");
                return 125;
            }
            if (!v.matches("[+-]?\\d+")) {
                p.eprint("nice: invalid adjustment '" + v + "'\n");
                return 125;
            }
            adjust = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
            i++;
        } else if (i < a.size() && a.get(i).matches("-\\d+")) {
            adjust = Integer.parseInt(a.get(i).substring(1));            // obsolete "nice -5 cmd"
            i++;
        }
        long prio = p.sys().getpriority(p.pid(), 0);
        int current = 20 - (int) prio;
        if (i >= a.size()) {
            if (adjust != 10 || a.size() > 0) {
                p.eprint("nice: a command must be given with an adjustment\nTry 'nice --help' for more information.\n");
                return 125;
            }
            p.print(current + "\n");
            return 0;
        }
        p.sys().setpriority(p.pid(), 0, current + adjust);
        String name = a.get(i);
        Command program = p.shell().program(name);
        if (program == null) {
            p.eprint("nice: '" + name + "': " + Errno.strerror(Errno.ENOENT) + "\n");
            return 127;
        }
        List<String> argv = List.copyOf(a.subList(i, a.size()));
        String comm = Paths.baseName(name);
        p.sys().execProgram(p.pid(), comm.length() > 15 ? comm.substring(0, 15) : comm, argv);
        return program.run(new Proc(p.sys(), p.pid(), argv, p.input(), p.out(), p.err(), p.shell()));
    }

    /** renice [-n] PRIORITY [-p|-g] ID...: "PID (process ID) old priority 0, new priority 5" for each. */
    static int renice(Proc p) {
        List<String> a = p.args();
        int i = 0;
        if (i < a.size() && (a.get(i).equals("-n") || a.get(i).equals("--priority"))) {
            i++;
        }
        if (a.size() - i < 2) {
            p.eprint("renice: not enough arguments\nTry 'renice --help' for more information.\n");
            return 1;
        }
        String v = a.get(i++);
        if (!v.matches("[+-]?\\d+")) {
            p.eprint("renice: invalid priority '" + v + "'\nTry 'renice --help' for more information.\n");
            return 1;
        }
        int prio = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
        boolean group = false;
        int errors = 0;
        for (; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("-p") || w.equals("--pid")) {
                group = false;
                continue;
            }
            if (w.equals("-g") || w.equals("--pgrp")) {
                group = true;
                continue;
            }
            String type = group ? "process group ID" : "process ID";
            if (!w.matches("\\d+")) {
                p.eprint("renice: bad " + type + " value: " + w + "\n");
                errors++;
                continue;
            }
            int id = Integer.parseInt(w);
            List<Integer> pids = group ? members(p, id) : List.of(id);
            long old = pids.isEmpty() ? -Errno.ESRCH : p.sys().getpriority(p.pid(), pids.get(0));
            if (old < 0) {
                p.eprint("renice: failed to get priority for " + id + " (" + type + "): " + Errno.strerror((int) -old) + "\n");
                errors++;
                continue;
            }
            for (int pid : pids) {
                p.sys().setpriority(p.pid(), pid, prio);
            }
            long now = p.sys().getpriority(p.pid(), pids.get(0));
            p.print(id + " (" + type + ") old priority " + (20 - old) + ", new priority " + (20 - now) + "\n");
        }
        return errors == 0 ? 0 : 1;
    }

    /** The processes of group {@code pgrp} (PRIO_PGRP), from /proc. */
    private static List<Integer> members(Proc p, int pgrp) {
        return Ps.tasks(p).stream().filter(t -> t.pgrp() == pgrp).map(Ps.Task::pid).toList();
    }
}
