package dev.kplay.userland.sh;

import static dev.kplay.userland.sh.Shell.MAX_OUTPUT;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Input;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Signals;
import dev.kplay.userland.Sink;
import dev.kplay.userland.TaskGone;
import dev.kplay.userland.sh.Ast.Job;
import dev.kplay.userland.sh.Ast.Script;
import dev.kplay.userland.sh.Ast.SimpleCommand;
import dev.kplay.userland.sh.Shell.Outcome;
import dev.kplay.userland.sh.Shell.ScriptExit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The shell code bash runs in a copy of itself: a background job ("job &", a subshell on a thread
 * of its own), "( list )" (a forked child process), "$(...)" (whose cd and variables do not stick),
 * and the child shells of "sh -c SCRIPT" and "bash FILE" (a process of their own, exec'ing the last
 * simple command). Split from Shell, which runs a line's jobs and pipelines in the shell itself.
 */

/** Runs shell code in copies of a {@link Shell}: background jobs, subshells, $(...), sh -c. */
final class Subshells {
    private final Shell shell;

    Subshells(Shell shell) {
        this.shell = shell;
    }

    /**
     * job &amp;: bash forks a subshell for the job, which runs on a thread of its own so that it can
     * stop where its task sleeps in the kernel and go on when the task is woken. The interactive
     * shell numbers it ("[1] 89") and reports its end at a prompt; bash reading a script numbers it
     * silently; a subshell or "sh -c" has no job control: it only sets $! (the job's process
     * outlives it, adopted by init).
     */
    Outcome startBackground(Job job, Sink terminal, List<String> notices) {
        Sink.Buffer jobOut = new Sink.Buffer(true, MAX_OUTPUT);
        Shell sub = shell.fork(shell.pid);
        sub.inBackground = true;
        sub.jobControl = shell.jobControl;  // the job's processes get a group of their own, not the terminal
        Outcome[] done = {null};
        Coroutine co = new Coroutine("kplay-job-" + shell.pid, () -> {
            try {
                done[0] = sub.runAndOr(job.body(), Input.empty(), jobOut, jobOut);
            } catch (TaskGone gone) {
                done[0] = new Outcome(0, sub.lastSpawned == 0 ? null : sub.lastSpawned, 0, true);
            } catch (ScriptExit e) {
                done[0] = new Outcome(e.status, null, 0);
            }
        });
        boolean ended = co.resume();
        Outcome o = ended ? done[0] : new Outcome(0, sub.lastSpawned == 0 ? null : sub.lastSpawned, 0, true);
        int bgPid = o.pid() != null ? o.pid() : sub.lastSpawned != 0 ? sub.lastSpawned : shell.pid;
        if (!ended) {
            shell.jobs.parked(bgPid, co, jobOut, done);
        }
        shell.status = 0;
        if (shell.forked) {
            shell.lastBackground = bgPid;
            terminal.write(jobOut.bytes());
            if (o.running() && ended) {
                shell.term.watchOutput(jobOut);
            }
            return new Outcome(0, bgPid, 0);
        }
        int n = shell.jobs.add(bgPid, o, job.text());
        if (shell.stdinIsTerminal) {
            terminal.write("[" + n + "] " + bgPid + "\n");    // DESCRIBE_PID: an interactive shell only
        }
        terminal.write(jobOut.bytes());
        if (o.running() && ended) {
            shell.term.watchOutput(jobOut);        // a parked job's later output is shown when it is resumed
        }
        if (!o.running()) {
            String state = o.signal() != 0 ? Signals.death(o.signal())
                    : o.status() == 0 ? "Done" : "Exit " + o.status();
            notices.add(shell.jobs.notice(n, '+', bgPid, o.signal(), state == null ? "Interrupt" : state, job.text()));
        }
        return new Outcome(0, bgPid, 0);
    }

    /**
     * ( list ): bash forks a child process for the subshell (same comm and command line), which
     * runs the list with its own variables and directory and exits with the list's status, while
     * the shell waits in wait4(). A list of one simple command is exec'd by that child itself (no
     * second fork). A background job the subshell starts outlives it and is adopted by init.
     */
    Outcome runSubshell(List<Job> body, Input in, Sink out, Sink err) {
        int child = shell.sys.spawn(shell.pid, shell.comm, shell.argv);
        if (child < 0) {
            err.write("bash: fork: " + Errno.strerror(child) + "\n");
            return new Outcome(254, null, 0);
        }
        shell.lastSpawned = child;
        shell.jobs.joinJob(shell, child);
        Shell sub = shell.fork(child);
        sub.dashC = body.size() == 1;
        sub.execLast = body.size() == 1 && execable(sub, body.get(0));
        sub.dashC = false;
        if (!shell.inBackground) {
            shell.sys.sleepInWait(shell.pid, true);     // the shell is in wait4() until the subshell ends
        }
        Outcome o;
        try {
            o = sub.runJobs(body, in, out, err);
        } catch (TaskGone gone) {
            if (!gone.died) {
                return new Outcome(0, child, 0, true);      // its exec'd program stays in the kernel
            }
            o = new Outcome(0, child, 0);
        } catch (ScriptExit e) {
            sub.status = e.status;
            o = new Outcome(e.status, child, 0);
        } finally {
            sub.execLast = false;
        }
        if (sub.interrupted) {
            shell.interrupted = true;
        }
        if (o.running()) {
            if (!shell.forked && !shell.inBackground && o.pid() != null && o.pid() != child) {
                shell.jobs.setStuckVia(child);    // the subshell waits for its blocked program
            }
            return o;
        }
        shell.sys.exit(child, sub.status & 0xff);
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
     * $(...) and `...`: runs the script as a subshell would (its cd and variables do not stick)
     * and returns its stdout without trailing newlines; its stderr goes to the terminal.
     */
    String substitute(String script, Sink err) {
        Script parsed;
        try {
            parsed = ShellParser.parse(script);
        } catch (ShellParser.SyntaxError e) {
            err.write("bash: command substitution: " + e.getMessage() + "\n");
            shell.status = 2;
            return "";
        }
        String savedCwd = shell.cwd;
        Map<String, String> savedVars = new HashMap<>(shell.vars);
        Sink.Buffer out = new Sink.Buffer(false, MAX_OUTPUT);
        try {
            for (Job job : parsed.jobs()) {
                if (shell.runAndOr(job.body(), Input.empty(), out, err).running()) {
                    break;
                }
            }
        } finally {
            shell.cwd = savedCwd;
            shell.vars.clear();
            shell.vars.putAll(savedVars);
        }
        String text = out.text();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * bash -c SCRIPT or bash FILE: runs the script as a child shell would (its cd and variables do
     * not stick), with the calling program's stdout and stderr; returns the last status.
     */
    int runScript(String script, Sink out, Sink err) {
        Script parsed;
        try {
            parsed = ShellParser.parse(script);
        } catch (ShellParser.SyntaxError e) {
            err.write("bash: " + e.getMessage() + "\n");
            return 2;
        }
        String savedCwd = shell.cwd;
        Map<String, String> savedVars = new HashMap<>(shell.vars);
        int savedStatus = shell.status;
        try {
            Outcome o = new Outcome(0, null, 0);
            List<Job> all = parsed.jobs();
            for (int i = 0; i < all.size(); i++) {
                Job job = all.get(i);
                shell.execLast = i == all.size() - 1 && execable(shell, job);
                try {
                    o = shell.runAndOr(job.body(), Input.empty(), out, err);
                } finally {
                    shell.execLast = false;
                }
                if (o.running()) {
                    throw new TaskGone(false);
                }
            }
            return shell.status;
        } catch (ScriptExit e) {
            return e.status;
        } finally {
            shell.cwd = savedCwd;
            shell.vars.clear();
            shell.vars.putAll(savedVars);
            shell.status = savedStatus;
        }
    }

    /** Whether a job is one simple command run in the foreground (what "sh -c" may exec). */
    private static boolean execable(Shell sh, Job job) {
        return !job.background() && job.body().pipelines().size() == 1
                && job.body().pipelines().get(0).commands().size() == 1 && !job.body().pipelines().get(0).negate()
                && job.body().pipelines().get(0).commands().get(0) instanceof SimpleCommand sc
                && sh.dashC;
    }

    /**
     * sh -c SCRIPT as the process {@code shPid} runs it: a shell of its own (its $$, variables and
     * descriptors), which execs its last simple command; returns the status.
     */
    int runCommandString(int shPid, List<String> shArgv, String script, Sink out, Sink err) {
        Shell sh = shell.fork(shPid);
        sh.shellPid = 0;                    // a new shell: $$ is its own pid
        sh.argv = List.copyOf(shArgv);
        sh.comm = Paths.baseName(shArgv.get(0));
        sh.dashC = true;
        return sh.subshells.runScript(script, out, err);
    }

    /** bash FILE as the process {@code shPid} runs it: a shell of its own; returns the status. */
    int runScriptFile(int shPid, List<String> shArgv, String script, Sink out, Sink err) {
        Shell sh = shell.fork(shPid);
        sh.shellPid = 0;
        sh.argv = List.copyOf(shArgv);
        sh.comm = Paths.baseName(shArgv.get(0));
        return sh.subshells.runScript(script, out, err);
    }
}
