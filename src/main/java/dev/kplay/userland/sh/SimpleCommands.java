package dev.kplay.userland.sh;

import dev.kplay.userland.Command;
import dev.kplay.userland.Errno;
import dev.kplay.userland.Input;
import dev.kplay.userland.Interrupted;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;
import dev.kplay.userland.Signals;
import dev.kplay.userland.Sink;
import dev.kplay.userland.TaskGone;
import dev.kplay.userland.sh.Ast.Assignment;
import dev.kplay.userland.sh.Ast.SimpleCommand;
import dev.kplay.userland.sh.Shell.Outcome;
import java.util.List;

/*
 * How bash runs one simple command (execute_cmd.c's execute_simple_command): assignments alone,
 * exec with redirections only, a builtin in the shell's own process, or a program in a child it
 * spawns and waits for in wait4() (or, for the last command of "sh -c", in the shell's own process,
 * as execve replaces it). A program can exit, die of a signal, or stay blocked in the kernel.
 * Split from Shell, which runs pipelines of these and of compound commands.
 */

/** Runs simple commands for a {@link Shell}. */
final class SimpleCommands {
    private final Shell shell;

    SimpleCommands(Shell shell) {
        this.shell = shell;
    }

    /** Runs one simple command (execute_simple_command), its stdout to {@code out}, messages to {@code terminal}. */
    Outcome run(SimpleCommand cmd, Input stdin, Sink out, Sink terminal) {
        Expander ex = shell.expander(terminal);
        List<String> argv = ex.fields(cmd.words());
        if (argv.size() == 1 && argv.get(0).equals("exec")) {
            try {
                return new Outcome(new HeldFds(shell.sys, shell.pid, shell.cwd, shell.heldFds).exec(cmd.redirects(), ex, terminal), null, 0);
            } catch (TaskGone gone) {
                if (shell.forked) {
                    throw gone;         // a subshell or "sh -c" died: whoever waits for it sees that
                }
                shell.relogin();              // the shell itself was killed: the terminal logs in again
                shell.interrupted = true;
                return new Outcome(128 + Signals.SIGKILL, null, Signals.SIGKILL);
            }
        }
        if (argv.isEmpty()) {
            for (Assignment a : cmd.assignments()) {
                shell.vars.put(a.name(), ex.string(a.value()));
            }
            Stdio io = Stdio.open(cmd.redirects(), ex, shell.sys, shell.pid, shell.cwd, stdin, out, terminal, shell.heldFds);
            if (io != null) {
                io.close();
            }
            return new Outcome(io == null ? 1 : 0, null, 0);
        }
        String name = argv.get(0);
        Command builtin = shell.builtins.get(name);
        if (builtin != null) {
            Stdio io;
            try {
                io = Stdio.open(cmd.redirects(), ex, shell.sys, shell.pid, shell.cwd, stdin, out, terminal, shell.heldFds);
            } catch (TaskGone gone) {
                if (!gone.died) {
                    return new Outcome(0, shell.pid, 0, true);
                }
                throw gone;
            }
            if (io == null) {
                return new Outcome(1, null, 0);
            }
            Proc p = new Proc(shell.sys, shell.pid, argv, io.stdin(), io.out(), io.err(), shell);
            int st;
            try {
                st = builtin.run(p);
            } catch (Interrupted ctrlC) {
                return new Outcome(128 + Signals.SIGINT, null, Signals.SIGINT);   // "read" at the terminal, ^C
            } catch (TaskGone gone) {
                if (!gone.died) {
                    return new Outcome(0, shell.pid, 0, true);
                }
                if (shell.forked) {
                    throw gone;
                }
                shell.relogin();
                shell.interrupted = true;
                return new Outcome(128 + Signals.SIGKILL, null, Signals.SIGKILL);
            } finally {
                io.close();
            }
            return new Outcome(st, null, 0);
        }
        Command program = shell.program(name);
        if (program == null) {
            terminal.write(name.contains("/") ? "bash: " + name + ": No such file or directory\n"
                    : "bash: " + name + ": command not found\n");
            return new Outcome(127, null, 0);
        }
        String comm = Paths.baseName(name);
        if (shell.execLast) {
            return execInPlace(program, comm, argv, cmd, ex, stdin, out, terminal);
        }
        int child = shell.sys.spawn(shell.pid, comm.length() > 15 ? comm.substring(0, 15) : comm, argv);
        if (child < 0) {
            terminal.write("bash: fork: " + Errno.strerror(child) + "\n");
            return new Outcome(254, null, 0);
        }
        shell.lastSpawned = child;
        shell.jobs.joinJob(shell, child);
        Stdio io;
        try {
            io = Stdio.open(cmd.redirects(), ex, shell.sys, child, shell.cwd, stdin, out, terminal, shell.heldFds);
        } catch (TaskGone gone) {
            if (!gone.died) {
                return new Outcome(0, child, 0, true);
            }
            io = null;
        }
        if (io == null) {
            shell.sys.exit(child, 1);
            shell.sys.waitpid(shell.pid, child);
            return new Outcome(1, child, 0);
        }
        Proc p = new Proc(shell.sys, child, argv, io.stdin(), io.out(), io.err(), shell);
        if (!shell.inBackground) {
            shell.sys.sleepInWait(shell.pid, true);     // bash is in wait4() until its foreground child ends
        }
        try {
            int st = program.run(p);
            if (p.writeError() != 0 && st == 0) {
                p.eprint(comm + ": write error: " + Errno.strerror(p.writeError()) + "\n");
                st = 1;
            }
            io.close();
            shell.sys.exit(child, st & 0xff);
        } catch (TaskGone gone) {
            if (!gone.died) {
                return new Outcome(0, child, 0, true);
            }
        } catch (Proc.FileError e) {
            p.eprint(comm + ": " + Errno.strerror(e.errno) + "\n");
            io.close();
            shell.sys.exit(child, 1);
        } catch (Interrupted ctrlC) {
            io.close();
            if (shell.sys.kill(child, Signals.SIGINT) < 0 || shell.sys.exitStatus(child) == -1) {
                shell.sys.exit(child, 128 + Signals.SIGINT);
            }
        }
        int ws = shell.sys.exitStatus(child);
        if (ws == -1) {
            return new Outcome(0, child, 0, true);
        }
        shell.sys.sleepInWait(shell.pid, false);
        shell.sys.waitpid(shell.pid, child);
        if ((ws & 0x7f) != 0) {
            return new Outcome(128 + (ws & 0x7f), child, ws & 0x7f);
        }
        return new Outcome((ws >> 8) & 0xff, child, 0);
    }

    /**
     * The last command of "sh -c": the shell's process becomes the program (execve, as dash and
     * bash do for it), so the program runs with the shell's pid; whoever started the shell waits
     * for that pid. A task that dies or stays in the kernel unwinds to that waiter.
     */
    private Outcome execInPlace(Command program, String comm, List<String> argv, SimpleCommand cmd, Expander ex,
                                Input stdin, Sink out, Sink terminal) {
        Stdio io = Stdio.open(cmd.redirects(), ex, shell.sys, shell.pid, shell.cwd, stdin, out, terminal, shell.heldFds);
        if (io == null) {
            return new Outcome(1, shell.pid, 0);
        }
        shell.sys.execProgram(shell.pid, comm.length() > 15 ? comm.substring(0, 15) : comm, argv);
        Proc p = new Proc(shell.sys, shell.pid, argv, io.stdin(), io.out(), io.err(), shell);
        int st;
        try {
            st = program.run(p);
        } catch (Proc.FileError e) {
            p.eprint(comm + ": " + Errno.strerror(e.errno) + "\n");
            st = 1;
        }
        if (p.writeError() != 0 && st == 0) {
            p.eprint(comm + ": write error: " + Errno.strerror(p.writeError()) + "\n");
            st = 1;
        }
        io.close();
        shell.status = st & 0xff;
        return new Outcome(shell.status, shell.pid, 0);
    }
}
