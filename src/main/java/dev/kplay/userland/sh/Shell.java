package dev.kplay.userland.sh;

import dev.kplay.userland.Command;
import dev.kplay.userland.Input;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Signals;
import dev.kplay.userland.Sink;
import dev.kplay.userland.TaskGone;
import dev.kplay.userland.bin.Programs;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.userland.sh.Ast.AndOr;
import dev.kplay.userland.sh.Ast.Cmd;
import dev.kplay.userland.sh.Ast.Compound;
import dev.kplay.userland.sh.Ast.Job;
import dev.kplay.userland.sh.Ast.Pipeline;
import dev.kplay.userland.sh.Ast.Script;
import dev.kplay.userland.sh.Ast.SimpleCommand;
import dev.kplay.userland.sh.Ast.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The interactive shell: what bash does with one line typed at the prompt. It is itself a process
 * (comm "bash"), and every program it starts is a child process made with spawn(), so ps, the
 * oops report ("Comm: rmmod") and /proc see real pids. Pipelines run their stages one after the
 * other, each stage's output buffered into the next one's stdin: tasks are data in this kernel,
 * not threads, so there is no concurrency to model.
 *
 * A stage can end in three ways: it exits (status), its task dies in the kernel (bash prints the
 * signal's description, "Killed", and $? is 128+sig), or its task stays in the kernel blocked;
 * then the line stops there, as bash would wait in waitpid(), and run() reports it as running.
 *
 * Lines, jobs and pipelines are run here; the terminal side (typed input, type-ahead, the line
 * parked while a command reads the terminal, running jobs' output) is {@link Terminal}, one simple
 * command is {@link SimpleCommands}, and what runs in a copy of the shell ('&', ( ), $(...),
 * sh -c) is {@link Subshells}, each split from here to keep this file readable.
 */

/** A bash-like shell over the {@link Syscalls} interface. */
public final class Shell {
    /**
     * How a line ended: exit status (null while running), terminal output, whether the last job was
     * killed by a signal, whether it is still running, the last process, and the shell's working
     * directory afterwards (for the prompt).
     */
    public record Result(Integer exitCode, String output, boolean killed, boolean running, Integer pid, String cwd) {}

    /** Virtual time passing while a program sleeps; the session decides whether wall time passes too. */
    @FunctionalInterface
    public interface Clock {
        /** Lets {@code nanos} of time pass; false if the sleep was interrupted. */
        boolean sleep(long nanos);
    }

    /** Bytes a line may print before its output is cut (a module printing forever cannot fill the heap). */
    static final int MAX_OUTPUT = 1 << 20;

    final Syscalls sys;
    final Clock clock;
    /** The session's own programs (make), ahead of the standard ones (one map for every shell). */
    final Map<String, Command> programs;
    private static final Map<String, Command> STANDARD = java.util.Collections.unmodifiableMap(Programs.standard());
    final Builtins builtins = new Builtins();
    final Compounds compounds = new Compounds(this);
    /** The job table: the interactive shell's, shared by the subshells it forks (as bash's job control is the login shell's). */
    final Jobs jobs;
    /** A background job ('&') is being started: programs must not block the terminal. */
    boolean inBackground;
    /** Descriptors above 2 the shell process holds open in the kernel (exec 3&lt; file), inherited by children. */
    final java.util.TreeSet<Integer> heldFds = new java.util.TreeSet<>();
    final Map<String, String> vars = new HashMap<>();
    int pid;
    /** $$: the pid of the shell itself, which a subshell keeps (0: this shell's own pid). */
    int shellPid;
    /** $! of a subshell or "sh -c" (the interactive shell's is its job table's). */
    int lastBackground;
    /** The process this shell last started (a background job's pid, as bash prints it after "&"). */
    int lastSpawned;
    /** Set while "sh -c" runs its last command: a program then replaces the shell's process (execve). */
    boolean execLast;
    /** This shell runs a "-c" command string (whose last simple command it execs). */
    boolean dashC;
    /** A copy made by fork() (a subshell, "sh -c"), not the login shell of the terminal. */
    boolean forked;
    String cwd = "/root";
    /** The terminal as this shell sees it: typed input, type-ahead, the parked line, running jobs' output. */
    final Terminal term;
    /** Runs this shell's simple commands (builtins, programs in child processes). */
    final SimpleCommands simple = new SimpleCommands(this);
    /** Runs this shell's code in copies of it: '&' jobs, ( ), $(...), sh -c. */
    final Subshells subshells = new Subshells(this);
    /** False when lines come from a script whose stdin is not the terminal (read gives end of file). */
    boolean stdinIsTerminal = true;
    /**
     * Job control (set -m): the interactive login shell puts each job in a process group of its own
     * and gives the terminal to the one in front; a script's bash, a subshell and "sh -c" do not.
     * A background job's copy of the shell keeps its parent's setting for the processes it starts.
     */
    boolean jobControl;
    /** The lines read so far ($LINENO of the line running): a script's bash names it in its job notices. */
    int lineNumber;
    /** The process group of the job being started (its first process's pid), 0 before that process exists. */
    int jobPgrp;
    int status;
    /** A foreground job died of SIGINT, or the shell itself died: the rest of the line is abandoned. */
    boolean interrupted;
    public Shell(Syscalls sys, Clock clock, Map<String, Command> extraPrograms) {
        this.sys = sys;
        this.clock = clock;
        this.programs = Map.copyOf(extraPrograms);
        this.jobs = new Jobs(this);
        this.term = new Terminal(this, new dev.kplay.userland.Tty());
        login();
    }

    /**
     * The shell state of another process running shell code, copied as fork() copies it: a
     * background job's subshell ({@code pid} the shell's own until it starts a program) or
     * "sh -c" (the sh process). Its variables, directory and held descriptors are its own.
     */
    private Shell(Shell parent, int pid) {
        this.sys = parent.sys;
        this.clock = parent.clock;
        this.programs = parent.programs;
        this.jobs = parent.jobs;
        this.pid = pid;
        this.cwd = parent.cwd;
        this.vars.putAll(parent.vars);
        this.heldFds.addAll(parent.heldFds);
        this.status = parent.status;
        this.inBackground = parent.inBackground;
        this.forked = true;
        this.term = new Terminal(this, parent.term.tty());
        this.comm = parent.comm;
        this.argv = parent.argv;
        this.shellPid = parent.shellPid == 0 ? parent.pid : parent.shellPid;   // $$ in ( ) is the invoking shell's
    }

    /** "exit" in a script's shell: the script ends with this status. */
    static final class ScriptExit extends RuntimeException {
        final int status;

        ScriptExit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /** Whether this is a copy made by fork() (a subshell, "sh -c") rather than the terminal's login shell. */
    boolean forked() { return forked; }

    /** A copy of this shell's state for process {@code pid} (see the private constructor). */
    Shell fork(int pid) {
        return new Shell(this, pid);
    }

    /** Ends the background jobs' threads (the shell is going away: reboot, closed session). */
    public void shutdown() {
        term.shutdown();
        jobs.killParked();
    }

    private void login() {
        pid = sys.spawn(1, "bash", List.of("-bash"));
        sys.setsid(pid);                    // a login shell leads its session (as agetty/sshd set it up)
        sys.setControllingTty(pid);         // and pts/0 is its controlling terminal
        jobControl = stdinIsTerminal;
        vars.put("HOME", "/root");
        vars.put("USER", "root");
        vars.put("LOGNAME", "root");
        vars.put("SHELL", "/bin/bash");
        vars.put("HOSTNAME", "kplay");
        vars.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        vars.put("TERM", "xterm-256color");
        cwd = "/root";
    }

    /** The shell's own pid. */
    public int pid() { return pid; }

    public String cwd() { return cwd; }

    void setCwd(String cwd) { this.cwd = cwd; }

    public Clock clock() { return clock; }

    Syscalls sys() { return sys; }

    int lastStatus() { return status; }

    void setStatus(int status) { this.status = status; }

    Jobs jobs() { return jobs; }

    /**
     * Models clock_nanosleep() for task {@code p} of a background job: the task sleeps in
     * hrtimer_nanosleep (S) and the job's thread parks until CLOCK_MONOTONIC reaches {@code until}
     * (or the task is killed), then goes on. False, doing nothing, off a job's thread.
     */
    public boolean sleepInJob(int p, long until) {
        if (Coroutine.current() == null) {
            return false;
        }
        sys.nanosleep(p, true);
        jobs.asleep(p, until);
        Coroutine.sleepWhile(() -> sys.exitStatus(p) == -1
                && (sys.stopped(p) || sys.clockGettime(p, 1) < until));
        jobs.asleep(p, 0);
        if (sys.exitStatus(p) != -1) {
            throw new TaskGone(true);       // killed in its sleep (kill -9 %1): the program runs no further
        }
        sys.nanosleep(p, false);
        return true;
    }

    /** Whether the running program belongs to a background job. */
    public boolean inBackground() { return inBackground; }

    /** Reaps the blocked foreground job if it has ended since (bash's waitpid returning). */
    public void reapStuck() { jobs.reapStuck(); }

    /** The foreground job still blocked in the kernel (the line that returned running), or 0. */
    public int stuckForeground() { return jobs.stuckForeground(); }

    /**
     * Ctrl-C (or another signal) to the foreground job still blocked in the kernel, as the terminal
     * driver sends it. Returns how the job stands afterwards, or null if there is no such job.
     */
    public Result signalForeground(int sig) {
        if (sig == Signals.SIGINT || sig == 3) {
            Result r = term.interruptWaitingLine();     // isig(): the line typed so far is dropped
            if (r != null) {
                return r;
            }
        }
        return jobs.signalForeground(sig);
    }

    /** Whether {@code p} is a background job (ps shows it without the '+' of the foreground group). */
    public boolean isBackground(int p) { return jobs.isBackground(p); }

    /** A shell variable's value, "" if unset. */
    String variable(String name) {
        return switch (name) {
            case "?" -> String.valueOf(status);
            case "!" -> forked ? (lastBackground == 0 ? "" : String.valueOf(lastBackground)) : jobs.lastBackground();
            case "$" -> String.valueOf(shellPid == 0 ? pid : shellPid);
            case "#" -> "0";
            case "0" -> "bash";
            case "PWD" -> cwd;
            default -> vars.getOrDefault(name, "");
        };
    }

    void setVariable(String name, String value) { vars.put(name, value); }

    void unsetVariable(String name) { vars.remove(name); }

    /** Runs one typed line; returns when it ends or a foreground process stays blocked in the kernel. */
    public Result run(String line) {
        if (term.lineWaits()) {
            return typed(line + "\n");             // a command waits for the terminal: the line is its input
        }
        jobs.reapStuck();
        if (!forked && jobs.stuckForeground() != 0) {
            // bash is still in wait4() for the foreground job: the line is type-ahead in the tty,
            // echoed (on a terminal), and bash reads it only when the job ends
            if (!stdinIsTerminal) {
                term.typeAhead(line + "\n");       // a script's next line: read only when the job ends
                return new Result(null, "", false, true, jobs.stuckForeground(), cwd);
            }
            return typed(line + "\n");
        }
        Sink.Buffer terminal = new Sink.Buffer(true, MAX_OUTPUT);
        lineNumber++;
        jobs.resumeReady(terminal);
        List<Integer> endedBefore = jobs.ended();
        term.showLiveOutput(terminal);
        Script script;
        try {
            script = ShellParser.parse(line);
        } catch (ShellParser.SyntaxError e) {
            terminal.write("bash: " + e.getMessage() + "\n");
            status = 2;
            return new Result(2, terminal.text(), false, false, null, cwd);
        }
        List<String> notices = new ArrayList<>();
        interrupted = false;
        if (stdinIsTerminal && !forked && Coroutine.current() == null && Terminal.mayReadTerminal(line)) {
            // the line runs where it can stop while one of kplay's commands waits for a typed line
            return term.runParkable(script, terminal, notices, endedBefore);
        }
        return term.endLine(runLineChecked(script, terminal, notices), terminal, notices, endedBefore);
    }

    /** runLine, with an arithmetic error ending the line as bash reports it. */
    Outcome runLineChecked(Script script, Sink.Buffer terminal, List<String> notices) {
        try {
            return runLine(script, terminal, notices);
        } catch (Arithmetic.ArithError e) {
            terminal.write("bash: " + e.getMessage() + "\n");
            status = 1;
            return new Outcome(1, null, 0);
        }
    }

    /**
     * Whether the lines' commands get the terminal as stdin (typed input) or, as in a script run
     * with its stdin at end of file (the oracle's cases), nothing to read.
     */
    public void stdinIsTerminal(boolean terminal) {
        this.stdinIsTerminal = terminal;
        this.jobControl = terminal && !forked;
    }

    /**
     * Bytes typed at the terminal while a foreground job runs (see {@link dev.kplay.userland.Tty}):
     * the echo, then what the job printed once it read them, and how it stands afterwards.
     */
    public Result typed(String text) { return term.typed(text); }

    /**
     * What running jobs printed since it was last shown, with the parked background jobs whose
     * tasks were woken let run first. {@code resumed[0]} is set if any job ran.
     */
    public String lateOutput(boolean[] resumed) { return term.lateOutput(resumed); }

    /** Ctrl-C reached the foreground job: n_tty's isig() flushes what was typed and not yet read. */
    void flushInput() { term.flushInput(); }

    /** The jobs of a typed line; null if the line stopped at a foreground job blocked in the kernel. */
    private Outcome runLine(Script script, Sink.Buffer terminal, List<String> notices) {
        Outcome last = new Outcome(status, null, 0);
        for (Job job : script.jobs()) {
            if (interrupted) {
                break;
            }
            if (job.background()) {
                last = subshells.startBackground(job, terminal, notices);
            } else {
                last = runAndOr(job.body(), stdinIsTerminal ? Input.terminal(term.tty()) : Input.empty(), terminal, terminal);
                if (last.running) {
                    jobs.setStuck(last.pid);
                    return null;
                }
            }
        }
        return last;
    }

    /** The jobs of a compound command's list, in order, all in the foreground, sharing stdin. */
    Outcome runJobs(List<Job> jobs, Input in, Sink out, Sink err) {
        Outcome o = ok();
        for (Job job : jobs) {
            if (interrupted) {
                break;
            }
            o = job.background() ? subshells.startBackground(job, err, new ArrayList<>()) : runAndOr(job.body(), in, out, err);
            if (o.running) {
                break;
            }
        }
        return o;
    }

    /** A successful outcome ($? = 0). */
    Outcome ok() {
        status = 0;
        return new Outcome(0, null, 0);
    }

    /** The outcome of a finished compound: that of its last command. */
    Outcome ok(Outcome last) {
        status = last.status;
        return last;
    }

    /** Whether the rest of the line is abandoned (Ctrl-C, the shell died). */
    boolean abandoned() { return interrupted; }

    /** The command line of this shell's process (what a fork of it shows in ps), and its comm. */
    List<String> argv = List.of("-bash");
    String comm = "bash";

    /** An expander for the shell's current state; $(...) errors go to {@code err}. */
    Expander expander(Sink err) {
        return new Expander(this::variable, script -> subshells.substitute(script, err), sys, pid, cwd);
    }

    List<String> expand(List<Word> words, Sink err) {
        return expander(err).fields(words);
    }

    /** A compound command's redirections, opened by process {@code who}; null after bash's message. */
    Stdio openStdio(List<Ast.Redirect> redirects, int who, Input in, Sink out, Sink err) {
        return Stdio.open(redirects, expander(err), sys, who, cwd, in, out, err, heldFds);
    }

    Compounds compounds() { return compounds; }

    /** The result of running a command or pipeline. */
    record Outcome(int status, Integer pid, int signal, boolean running) {
        Outcome(int status, Integer pid, int signal) {
            this(status, pid, signal, false);
        }
    }

    Outcome runAndOr(AndOr ao, Input in, Sink out, Sink err) {
        Outcome o = runPipeline(ao.pipelines().get(0), in, out, err);
        for (int i = 1; i < ao.pipelines().size() && !o.running && !interrupted; i++) {
            boolean and = ao.ops().get(i - 1).equals("&&");
            if ((status == 0) == and) {
                o = runPipeline(ao.pipelines().get(i), in, out, err);
            }
        }
        return o;
    }

    private Outcome runPipeline(Pipeline pl, Input in, Sink out, Sink err) {
        jobs.takeTerminal(this);            // each pipeline in front is a job of its own
        Input stdin = in;
        Outcome o = null;
        int deathSignal = 0;
        List<Cmd> cmds = pl.commands();
        for (int i = 0; i < cmds.size(); i++) {
            boolean lastStage = i == cmds.size() - 1;
            Sink.Buffer pipe = lastStage ? null : new Sink.Buffer(false, MAX_OUTPUT);
            Sink stageOut = lastStage ? out : pipe;
            o = cmds.get(i) instanceof Compound c ? compounds.run(c, stdin, stageOut, err)
                    : simple.run((SimpleCommand) cmds.get(i), stdin, stageOut, err);
            if (o.running) {
                return o;
            }
            if (o.signal != 0) {
                deathSignal = o.signal;
            }
            if (pipe != null) {
                stdin = Input.of(pipe.bytes());
            }
        }
        jobs.takeTerminal(this);
        if (deathSignal != 0 && Signals.death(deathSignal) != null && !inBackground) {
            err.write(Signals.death(deathSignal) + "\n");   // a background job's end is the job notice instead
        }
        if (deathSignal == Signals.SIGINT) {
            interrupted = true;
        }
        int st = o.status;
        if (pl.negate()) {
            st = st == 0 ? 1 : 0;
        }
        status = st;
        return new Outcome(st, o.pid, o.signal);
    }

    /** The program a command name runs: a bare name or a path in /bin, /sbin, /usr/bin, /usr/sbin. */
    public Command program(String name) {
        if (!name.contains("/")) {
            return programOf(name);
        }
        String dir = name.substring(0, name.lastIndexOf('/'));
        String abs = Paths.resolve(cwd, dir);
        if (List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin").contains(abs)) {
            return programOf(Paths.baseName(name));
        }
        // a file of the user's: the kernel's execve decides what it is
        return sys.stat(pid, Paths.resolve(cwd, name)) != null ? dev.kplay.userland.bin.Run.program(name) : null;
    }

    Command programNamed(String name) { return programOf(name); }

    private Command programOf(String name) {
        Command own = programs.get(name);
        return own != null ? own : STANDARD.get(name);
    }

    boolean isBuiltin(String name) { return builtins.get(name) != null; }

    /** Sends {@code sig} to a process, as kill(1) would; 0 or -errno. */
    public long signal(int target, int sig) {
        return sys.kill(target, sig);
    }

    /** Starts a fresh login shell (after "exit"). */
    void relogin() {
        if (pid > 0) {
            sys.exit(pid, 0);
        }
        vars.clear();
        status = 0;
        jobs.clear();
        heldFds.clear();
        login();
    }
}
