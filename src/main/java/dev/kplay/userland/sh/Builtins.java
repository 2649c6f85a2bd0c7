package dev.kplay.userland.sh;

import dev.kplay.userland.Command;
import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;
import dev.kplay.userland.Signals;
import dev.kplay.userland.bin.Echo;
import dev.kplay.userland.bin.Printf;
import dev.kplay.userland.bin.Programs;
import dev.kplay.userland.bin.TestCommand;

import java.util.List;
import java.util.Map;

/*
 * bash's builtins: commands that run inside the shell process because they change the shell
 * itself (cd, exit, variables) or, like echo and kill, because bash implements them there. Their
 * messages carry bash's "bash: NAME: " prefix.
 */

/** The shell's builtin commands. */
public final class Builtins {
    private final Map<String, Command> table = Map.ofEntries(
            Map.entry("cd", Builtins::cd),
            Map.entry("pwd", p -> {
                p.print(p.cwd() + "\n");
                return 0;
            }),
            Map.entry("echo", Echo::run),
            Map.entry("printf", Printf::run),
            Map.entry("true", p -> 0),
            Map.entry(":", p -> 0),
            Map.entry("false", p -> 1),
            Map.entry("exit", Builtins::exit),
            Map.entry("logout", Builtins::exit),
            Map.entry("kill", Builtins::kill),
            Map.entry("export", Builtins::export),
            Map.entry("unset", p -> {
                p.args().forEach(p.shell()::unsetVariable);
                return 0;
            }),
            Map.entry("wait", Builtins::waitFor),
            Map.entry("type", Builtins::type),
            Map.entry("jobs", Builtins::jobs),
            Map.entry("read", Read::run),
            Map.entry("test", TestCommand::run),
            Map.entry("[", TestCommand::run),
            Map.entry("break", p -> loopControl(p, true)),
            Map.entry("continue", p -> loopControl(p, false)));

    Command get(String name) {
        return table.get(name);
    }

    /** break [n] / continue [n]: unwinds to the n-th enclosing loop (at most the outermost). */
    private static int loopControl(Proc p, boolean isBreak) {
        String name = isBreak ? "break" : "continue";
        int depth = p.shell().compounds().loopDepth();
        if (depth == 0) {
            p.eprint("bash: " + name + ": only meaningful in a `for', `while', or `until' loop\n");
            return 0;
        }
        int n = 1;
        if (!p.args().isEmpty()) {
            String a = p.args().get(0);
            if (!a.matches("\\d+")) {
                p.eprint("bash: " + name + ": " + a + ": numeric argument required\n");
                return 1;
            }
            n = Integer.parseInt(a);
            if (n < 1) {
                p.eprint("bash: " + name + ": " + a + ": loop count out of range\n");
                return 1;
            }
        }
        throw new Compounds.LoopControl(isBreak, Math.min(n, depth));
    }

    /** cd [dir]: "bash: cd: X: No such file or directory" when it is missing. */
    private static int cd(Proc p) {
        List<String> args = p.args();
        if (args.size() > 1) {
            p.eprint("bash: cd: too many arguments\n");
            return 1;
        }
        String target = args.isEmpty() ? p.shell().variable("HOME") : args.get(0);
        String abs = p.path(target);
        long[] st = p.sys().stat(p.pid(), abs);
        if (st == null) {
            p.eprint("bash: cd: " + target + ": No such file or directory\n");
            return 1;
        }
        if ((st[0] & 0170000) != 0040000) {
            p.eprint("bash: cd: " + target + ": Not a directory\n");
            return 1;
        }
        p.shell().setCwd(abs);
        return 0;
    }

    private static int exit(Proc p) {
        if (p.shell().forked()) {
            // a script's shell ("sh -c", a subshell) ends with the status, and nothing is printed
            String a = p.args().isEmpty() ? null : p.args().get(0);
            int st = a != null && a.matches("-?\\d+") ? Integer.parseInt(a) & 0xff : p.shell().lastStatus();
            throw new Shell.ScriptExit(st);
        }
        p.eprint("exit\n");
        p.shell().relogin();
        return 0;
    }

    private static int export(Proc p) {
        for (String a : p.args()) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                p.shell().setVariable(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return 0;
    }

    /** kill [-s SIG | -SIG | -n N] pid...; kill -l. */
    private static int kill(Proc p) {
        List<String> args = p.args();
        if (args.isEmpty()) {
            p.eprint("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
            return 2;
        }
        int sig = Signals.SIGTERM;
        int i = 0;
        String first = args.get(0);
        if (first.equals("-l") || first.equals("-L")) {
            p.print(Signals.table());
            return 0;
        }
        if (first.equals("-s") || first.equals("-n")) {
            if (args.size() < 2) {
                p.eprint("bash: kill: " + first + ": option requires an argument\n");
                return 2;
            }
            sig = Signals.parse(args.get(1));
            if (sig < 0) {
                p.eprint("bash: kill: " + args.get(1) + ": invalid signal specification\n");
                return 1;
            }
            i = 2;
        } else if (first.startsWith("-") && first.length() > 1) {
            sig = Signals.parse(first.substring(1));
            if (sig < 0) {
                p.eprint("bash: kill: " + first.substring(1) + ": invalid signal specification\n");
                return 1;
            }
            i = 1;
        }
        if (i >= args.size()) {
            p.eprint("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
            return 2;
        }
        int status = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.matches("%\\d+")) {
                int job = p.shell().jobs().jobPid(Integer.parseInt(a.substring(1)));
                if (job < 0) {
                    p.eprint("bash: kill: " + a + ": no such job\n");
                    status = 1;
                    continue;
                }
                a = String.valueOf(job);
            }
            if (!a.matches("-?\\d+")) {
                p.eprint("bash: kill: " + a + ": arguments must be process or job IDs\n");
                status = 1;
                continue;
            }
            long r = p.shell().signal(Integer.parseInt(a), sig);
            if (r < 0) {
                p.eprint("bash: kill: (" + a + ") - " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        return status;
    }

    /**
     * wait [pid | %job]...: waits for background jobs (all of them without operands) and returns
     * the last one's status. A job asleep in the background is waited for on the terminal's clock
     * (Ctrl-C ends the wait with 130, the job keeps running); a job blocked in the kernel cannot
     * be waited for here and counts as still running (status 0, as before).
     */
    private static int waitFor(Proc p) {
        Jobs jobs = p.shell().jobs();
        List<Integer> pids = new java.util.ArrayList<>();
        if (p.args().isEmpty()) {
            for (Jobs.BackgroundJob j : jobs.activeJobs()) {
                pids.add(j.pid());
            }
        }
        for (String a : p.args()) {
            if (a.matches("%\\d+")) {
                int pid = jobs.jobPid(Integer.parseInt(a.substring(1)));
                if (pid < 0) {
                    p.eprint("bash: wait: " + a + ": no such job\n");
                    return 127;
                }
                pids.add(pid);
            } else if (a.matches("\\d+")) {
                pids.add(Integer.parseInt(a));
            } else {
                p.eprint("bash: wait: `" + a + "': not a pid or valid job spec\n");
                return 2;
            }
        }
        int status = 0;
        for (int pid : pids) {
            // wait4() sleeps until the job ends: background sleeps end meanwhile, in time order
            for (long until = jobs.nextWake(); until >= 0 && jobs.endStatus(pid) == -1; until = jobs.nextWake()) {
                long now = p.sys().clockGettime(p.pid(), 1);
                if (until > now && !p.shell().clock().sleep(until - now)) {
                    return 128 + Signals.SIGINT;
                }
                if (jobs.resumeReady(p.out()) == 0) {
                    break;                  // a stopped job sleeps on: nothing more to wait for here
                }
            }
            jobs.reportEndedJobs(p.err());
            Integer ended = jobs.backgroundStatus(pid);
            if (ended != null) {
                status = ended;
                continue;
            }
            if (!p.shell().isBackground(pid)) {
                p.eprint("bash: wait: pid " + pid + " is not a child of this shell\n");
                status = 127;
                continue;
            }
            if (p.sys().exitDead(pid)) {
                // wait4() fails with ECHILD for a child left EXIT_DEAD; bash 5.2's wait_for() then
                // gives the wait builtin -1 ("can't find true status"): $? is 255
                status = 255;
                continue;
            }
            status = 0;
        }
        return p.args().isEmpty() ? 0 : status;
    }

    /** type NAME: where a command comes from. */
    private static int type(Proc p) {
        int status = 0;
        for (String a : p.args()) {
            if (p.shell().isBuiltin(a)) {
                p.print(a + " is a shell builtin\n");
            } else if (p.shell().programNamed(a) != null) {
                p.print(a + " is " + Programs.location(a) + "\n");
            } else {
                p.eprint("bash: type: " + a + ": not found\n");
                status = 1;
            }
        }
        return status;
    }

    /** bash/sh as a program: -c SCRIPT, or a script FILE. */
    public static int subshell(Proc p) {
        java.util.List<String> args = p.args();
        String name = Paths.baseName(p.argv().get(0));
        if (args.isEmpty()) {
            return 0;
        }
        if (args.get(0).equals("-c")) {
            if (args.size() < 2) {
                p.eprint(name + ": -c: option requires an argument\n");
                return 2;
            }
            return p.shell().subshells.runCommandString(p.pid(), p.argv(), args.get(1), p.out(), p.err());
        }
        String file = args.get(0);
        try {
            byte[] text = p.readFile(p.path(file));
            return p.shell().subshells.runScriptFile(p.pid(), p.argv(), new String(text, java.nio.charset.StandardCharsets.UTF_8), p.out(), p.err());
        } catch (Proc.FileError e) {
            p.eprint(name + ": " + file + ": " + Errno.strerror(e.errno) + "\n");
            return 127;
        }
    }

    /** jobs: the running background jobs, '+' marking the current one and '-' the previous. */
    static int jobs(Proc p) {
        p.shell().jobs().reportEndedJobs(p.out());
        List<Jobs.BackgroundJob> all = p.shell().jobs().activeJobs();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            Jobs.BackgroundJob j = all.get(i);
            char mark = i == all.size() - 1 ? '+' : i == all.size() - 2 ? '-' : ' ';
            boolean stopped = p.shell().jobs().stopped(j.pid());
            b.append(String.format("[%d]%c  %-24s%s%s%n", j.number(), mark, stopped ? "Stopped" : "Running", j.text(),
                    stopped ? "" : " &"));
        }
        p.print(b.toString());
        return 0;
    }
}
