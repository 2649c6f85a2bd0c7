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
import dev.kplay.userland.bin.Programs;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.userland.sh.Ast.AndOr;
import dev.kplay.userland.sh.Ast.Assignment;
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

    private final Syscalls sys;
    private final Clock clock;
    /** The session's own programs (make), ahead of the standard ones (one map for every shell). */
    private final Map<String, Command> programs;
    private static final Map<String, Command> STANDARD = java.util.Collections.unmodifiableMap(Programs.standard());
    private final Builtins builtins = new Builtins();
    private final Compounds compounds = new Compounds(this);
    /** The job table: the interactive shell's, shared by the subshells it forks (as bash's job control is the login shell's). */
    private final Jobs jobs;
    /** A background job ('&') is being started: programs must not block the terminal. */
    private boolean inBackground;
    /** Descriptors above 2 the shell process holds open in the kernel (exec 3&lt; file), inherited by children. */
    private final java.util.TreeSet<Integer> heldFds = new java.util.TreeSet<>();
    private final Map<String, String> vars = new HashMap<>();
    private int pid;
    /** $$: the pid of the shell itself, which a subshell keeps (0: this shell's own pid). */
    private int shellPid;
    /** $! of a subshell or "sh -c" (the interactive shell's is its job table's). */
    private int lastBackground;
    /** The process this shell last started (a background job's pid, as bash prints it after "&"). */
    private int lastSpawned;
    /** Set while "sh -c" runs its last command: a program then replaces the shell's process (execve). */
    private boolean execLast;
    /** This shell runs a "-c" command string (whose last simple command it execs). */
    private boolean dashC;
    /** A copy made by fork() (a subshell, "sh -c"), not the login shell of the terminal. */
    private boolean forked;
    private String cwd = "/root";
    /** The terminal's input side: what the user types while a foreground job runs (the login shell's tty). */
    private final dev.kplay.userland.Tty tty;
    /** False when lines come from a script whose stdin is not the terminal (read gives end of file). */
    private boolean stdinIsTerminal = true;
    private int status;
    /** A foreground job died of SIGINT, or the shell itself died: the rest of the line is abandoned. */
    private boolean interrupted;
    public Shell(Syscalls sys, Clock clock, Map<String, Command> extraPrograms) {
        this.sys = sys;
        this.clock = clock;
        this.programs = Map.copyOf(extraPrograms);
        this.jobs = new Jobs(this);
        this.tty = new dev.kplay.userland.Tty();
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
        this.tty = parent.tty;
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
        if (waitingLine != null) {
            waitingLine.co().kill();
            waitingLine = null;
        }
        jobs.killParked();
    }

    private void login() {
        pid = sys.spawn(1, "bash", List.of("-bash"));
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
        if (waitingLine != null && (sig == Signals.SIGINT || sig == 3)) {
            flushInput();                           // isig(): the line typed so far is dropped
            waitingLine.co().interruptTtyWait();
            return foregroundGoesOn(waitingLine, new Sink.Buffer(true, MAX_OUTPUT));
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
        if (waitingLine != null) {
            return typed(line + "\n");             // a command waits for the terminal: the line is its input
        }
        jobs.reapStuck();
        if (!forked && jobs.stuckForeground() != 0) {
            // bash is still in wait4() for the foreground job: the line is type-ahead in the tty,
            // echoed (on a terminal), and bash reads it only when the job ends
            if (!stdinIsTerminal) {
                tty.receive(line + "\n");          // a script's next line: read only when the job ends
                return new Result(null, "", false, true, jobs.stuckForeground(), cwd);
            }
            return typed(line + "\n");
        }
        Sink.Buffer terminal = new Sink.Buffer(true, MAX_OUTPUT);
        jobs.resumeReady(terminal);
        List<Integer> endedBefore = jobs.ended();
        showLiveOutput(terminal);
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
        if (stdinIsTerminal && !forked && Coroutine.current() == null && mayReadTerminal(line)) {
            // the line runs where it can stop while one of kplay's commands waits for a typed line
            Outcome[] done = {null};
            Coroutine co = new Coroutine("kplay-fg-" + pid, () -> done[0] = runLineChecked(script, terminal, notices), true);
            return foregroundGoesOn(new ForegroundLine(co, terminal, notices, endedBefore, done), terminal);
        }
        return endLine(runLineChecked(script, terminal, notices), terminal, notices, endedBefore);
    }

    /**
     * kplay's commands that can read their stdin (and shells that may run them). A line naming
     * none of them runs on the request's own thread (whose CPU time the session is charged), as a
     * compiled program's read(0) sleeps in the kernel by itself and needs no thread of the line's.
     */
    private static final java.util.regex.Pattern READS_STDIN = java.util.regex.Pattern.compile(
            "(?<![\\w.-])(cat|grep|egrep|head|tail|wc|awk|mawk|sed|cut|sort|uniq|tr|od|xxd|tee|read|busybox|sh|bash)(?![\\w./-])");

    /** Whether the line names a command that may wait for a typed line (a word-level look, erring on the safe side). */
    static boolean mayReadTerminal(String line) {
        return READS_STDIN.matcher(line).find();
    }

    /** runLine, with an arithmetic error ending the line as bash reports it. */
    private Outcome runLineChecked(Script script, Sink.Buffer terminal, List<String> notices) {
        try {
            return runLine(script, terminal, notices);
        } catch (Arithmetic.ArithError e) {
            terminal.write("bash: " + e.getMessage() + "\n");
            status = 1;
            return new Outcome(1, null, 0);
        }
    }

    /** The end of a typed line: what jobs printed meanwhile, bash's job notices, and the line's result. */
    private Result endLine(Outcome last, Sink.Buffer terminal, List<String> notices, List<Integer> endedBefore) {
        jobs.resumeReady(terminal);
        showLiveOutput(terminal);
        if (last == null) {
            watchOutput(terminal);
            return new Result(null, terminal.text(), false, true, jobs.stuckForeground(), cwd);
        }
        for (String n : notices) {
            terminal.write(n);
        }
        jobs.reportEndedJobs(terminal, endedBefore);
        return new Result(status, terminal.text(), last.signal != 0, false, last.pid, cwd);
    }

    /** A typed line on its own thread, parked while one of kplay's commands reads the terminal. */
    private record ForegroundLine(Coroutine co, Sink.Buffer terminal, List<String> notices,
                                  List<Integer> endedBefore, Outcome[] done) {}

    /** The foreground line waiting for a typed line, or null. */
    private ForegroundLine waitingLine;

    /**
     * Runs the foreground line on (until it ends or waits for the terminal again); what it prints
     * goes to {@code shown}. Ended: the line's result; waiting: running, with the reader's pid.
     */
    private Result foregroundGoesOn(ForegroundLine line, Sink.Buffer shown) {
        if (waitingLine == line) {
            waitingLine = null;
            jobs.setStuck(0);
        }
        if (!line.co().resume()) {
            waitingLine = line;
            int reader = line.co().ttyReader();
            jobs.setStuck(reader);
            if (shown != line.terminal()) {
                showLiveOutput(shown);
                return new Result(null, shown.text(), false, true, reader, cwd);
            }
            watchOutput(line.terminal());
            return new Result(null, line.terminal().text(), false, true, reader, cwd);
        }
        if (shown == line.terminal()) {
            return endLine(line.done()[0], line.terminal(), line.notices(), line.endedBefore());
        }
        showLiveOutput(shown);
        Sink.Buffer rest = new Sink.Buffer(true, MAX_OUTPUT);
        Result r = endLine(line.done()[0], rest, line.notices(), line.endedBefore());
        shown.write(rest.bytes());
        Result ended = new Result(r.exitCode(), shown.text(), r.killed(), r.running(), r.pid(), cwd);
        Result ahead = r.running() ? null : bashReadsTypeAhead(shown);
        return ahead == null ? ended : ahead;
    }

    /**
     * Bytes typed at the terminal while a foreground job runs (see {@link dev.kplay.userland.Tty}):
     * the echo, then what the job printed once it read them (it runs on at once), and how it stands
     * afterwards (ended: its status, and bash's line if a signal killed it; else still running).
     */
    public Result typed(String text) {
        Sink.Buffer terminal = new Sink.Buffer(true, MAX_OUTPUT);
        terminal.write(tty.receive(text));
        if (waitingLine != null) {
            return tty.readable() ? foregroundGoesOn(waitingLine, terminal)
                    : new Result(null, terminal.text(), false, true, jobs.stuckForeground(), cwd);
        }
        showLiveOutput(terminal);
        int job = jobs.stuckForeground();
        if (job == 0) {
            return new Result(status, terminal.text(), false, false, null, cwd);
        }
        int ws = sys.exitStatus(job);
        if (ws == -1) {
            return new Result(null, terminal.text(), false, true, job, cwd);
        }
        jobs.reapStuck();
        int signal = ws & 0x7f;
        if (signal != 0 && Signals.death(signal) != null) {
            terminal.write(Signals.death(signal) + "\n");
        }
        Result ended = new Result(status, terminal.text(), signal != 0, false, job, cwd);
        Result ahead = bashReadsTypeAhead(terminal);
        return ahead == null ? ended : ahead;
    }

    /** Most typed-ahead lines bash runs at once when a job gives the terminal back. */
    private static final int MAX_AHEAD_LINES = 16;

    /**
     * The foreground job ended with lines typed and not read still in the tty: bash's readline
     * reads them as its next commands, showing each after the prompt (PS1 "\\u@\\h:\\w\\$ "),
     * and runs them; an unfinished line is dropped (kplay's page edits the next line itself).
     * Returns the last line's result with everything shown, or null if nothing was typed ahead.
     */
    private Result bashReadsTypeAhead(Sink.Buffer terminal) {
        String ahead = !forked ? tty.takeAll().replace("\u0004", "") : "";
        Result last = null;
        int at = 0;
        for (int n = 0; n < MAX_AHEAD_LINES && ahead.indexOf('\n', at) >= 0; n++) {
            int nl = ahead.indexOf('\n', at);
            String line = ahead.substring(at, nl);
            at = nl + 1;
            String dir = cwd.equals("/root") ? "~" : cwd.startsWith("/root/") ? "~" + cwd.substring(5) : cwd;
            if (stdinIsTerminal) {
                terminal.write("root@kplay:" + dir + "# " + line + "\n");
            }
            if (line.isBlank()) {
                continue;
            }
            Result r = run(line);
            terminal.write(r.output());
            last = new Result(r.exitCode(), terminal.text(), r.killed(), r.running(), r.pid(), r.cwd());
            if (r.running()) {
                break;
            }
        }
        if (last == null && at > 0) {
            last = new Result(status, terminal.text(), false, false, null, cwd);
        }
        return last;
    }

    /**
     * Whether the lines' commands get the terminal as stdin (typed input) or, as in a script run
     * with its stdin at end of file (the oracle's cases), nothing to read.
     */
    public void stdinIsTerminal(boolean terminal) {
        this.stdinIsTerminal = terminal;
    }

    /** Ctrl-C reached the foreground job: n_tty's isig() flushes what was typed and not yet read. */
    void flushInput() {
        tty.flush();
    }

    /**
     * What running jobs printed since it was last shown (after time passed: a program that computes
     * or sleeps in the background prints then), with the parked background jobs whose tasks were
     * woken let run first. {@code resumed[0]} is set if any job ran.
     */
    public String lateOutput(boolean[] resumed) {
        Sink.Buffer terminal = new Sink.Buffer(true, MAX_OUTPUT);
        resumed[0] = jobs.resumeReady(terminal) > 0;
        showLiveOutput(terminal);
        int job = jobs.stuckForeground();
        if (job != 0 && waitingLine == null && sys.exitStatus(job) != -1) {
            jobs.reapStuck();
            resumed[0] |= bashReadsTypeAhead(terminal) != null;
        }
        return terminal.text();
    }

    /**
     * The terminal of a job still running (started with '&', or a line left blocked in the kernel)
     * and how much of it was shown: a user program that goes on later prints into it, and the next
     * line's output starts with that, where it would have appeared on a real terminal meanwhile.
     */
    private record LiveOutput(Sink.Buffer terminal, int[] shown) {}

    /** At most this many running jobs' terminals are watched (the oldest is dropped). */
    private static final int MAX_LIVE_OUTPUTS = 16;
    private final List<LiveOutput> liveOutputs = new ArrayList<>();

    private void watchOutput(Sink.Buffer t) {
        if (liveOutputs.size() == MAX_LIVE_OUTPUTS) {
            liveOutputs.remove(0);
        }
        liveOutputs.add(new LiveOutput(t, new int[] {t.bytes().length}));
    }

    /** Writes what running jobs printed since the last line to {@code terminal}. */
    private void showLiveOutput(Sink.Buffer terminal) {
        for (LiveOutput l : liveOutputs) {
            byte[] b = l.terminal().bytes();
            if (b.length > l.shown()[0]) {
                terminal.write(java.util.Arrays.copyOfRange(b, l.shown()[0], b.length));
                l.shown()[0] = b.length;
            }
        }
    }

    /** The jobs of a typed line; null if the line stopped at a foreground job blocked in the kernel. */
    private Outcome runLine(Script script, Sink.Buffer terminal, List<String> notices) {
        Outcome last = new Outcome(status, null, 0);
        for (Job job : script.jobs()) {
            if (interrupted) {
                break;
            }
            if (job.background()) {
                last = startBackground(job, terminal, notices);
            } else {
                last = runAndOr(job.body(), stdinIsTerminal ? Input.terminal(tty) : Input.empty(), terminal, terminal);
                if (last.running) {
                    jobs.setStuck(last.pid);
                    return null;
                }
            }
        }
        return last;
    }

    /**
     * job &amp;: bash forks a subshell for the job, which runs on a thread of its own so that it can
     * stop where its task sleeps in the kernel and go on when the task is woken. The interactive
     * shell numbers it ("[1] 89") and reports its end at a prompt; a subshell or "sh -c" has no job
     * control: it only sets $! (the job's process outlives it, adopted by init).
     */
    private Outcome startBackground(Job job, Sink terminal, List<String> notices) {
        Sink.Buffer jobOut = new Sink.Buffer(true, MAX_OUTPUT);
        Shell sub = fork(pid);
        sub.inBackground = true;
        Outcome[] done = {null};
        Coroutine co = new Coroutine("kplay-job-" + pid, () -> {
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
        int bgPid = o.pid != null ? o.pid : sub.lastSpawned != 0 ? sub.lastSpawned : pid;
        if (!ended) {
            jobs.parked(bgPid, co, jobOut, done);
        }
        status = 0;
        if (forked) {
            lastBackground = bgPid;
            terminal.write(jobOut.bytes());
            if (o.running && ended) {
                watchOutput(jobOut);
            }
            return new Outcome(0, bgPid, 0);
        }
        int n = jobs.add(bgPid, o, job.text());
        terminal.write("[" + n + "] " + bgPid + "\n");
        terminal.write(jobOut.bytes());
        if (o.running && ended) {
            watchOutput(jobOut);        // a parked job's later output is shown when it is resumed
        }
        if (!o.running) {
            String state = o.signal != 0 ? Signals.death(o.signal)
                    : o.status == 0 ? "Done" : "Exit " + o.status;
            notices.add(String.format("[%d]+  %-24s%s%n", n, state == null ? "Interrupt" : state, job.text()));
        }
        return new Outcome(0, bgPid, 0);
    }

    /** The jobs of a compound command's list, in order, all in the foreground, sharing stdin. */
    Outcome runJobs(List<Job> jobs, Input in, Sink out, Sink err) {
        Outcome o = ok();
        for (Job job : jobs) {
            if (interrupted) {
                break;
            }
            o = job.background() ? startBackground(job, err, new ArrayList<>()) : runAndOr(job.body(), in, out, err);
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
    private List<String> argv = List.of("-bash");
    private String comm = "bash";

    /**
     * ( list ): bash forks a child process for the subshell (same comm and command line), which
     * runs the list with its own variables and directory and exits with the list's status, while
     * the shell waits in wait4(). A list of one simple command is exec'd by that child itself (no
     * second fork). A background job the subshell starts outlives it and is adopted by init.
     */
    Outcome runSubshell(List<Job> body, Input in, Sink out, Sink err) {
        int child = sys.spawn(pid, comm, argv);
        if (child < 0) {
            err.write("bash: fork: " + Errno.strerror(child) + "\n");
            return new Outcome(254, null, 0);
        }
        lastSpawned = child;
        Shell sub = fork(child);
        sub.dashC = body.size() == 1;
        sub.execLast = body.size() == 1 && sub.execable(body.get(0));
        sub.dashC = false;
        if (!inBackground) {
            sys.sleepInWait(pid, true);     // the shell is in wait4() until the subshell ends
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
            interrupted = true;
        }
        if (o.running) {
            if (!forked && !inBackground && o.pid != null && o.pid != child) {
                jobs.setStuckVia(child);    // the subshell waits for its blocked program
            }
            return o;
        }
        sys.exit(child, sub.status & 0xff);
        int ws = sys.exitStatus(child);
        if (ws == -1) {
            return new Outcome(0, child, 0, true);
        }
        sys.sleepInWait(pid, false);
        sys.waitpid(pid, child);
        if ((ws & 0x7f) != 0) {
            return new Outcome(128 + (ws & 0x7f), child, ws & 0x7f);
        }
        return new Outcome((ws >> 8) & 0xff, child, 0);
    }

    /** An expander for the shell's current state; $(...) errors go to {@code err}. */
    Expander expander(Sink err) {
        return new Expander(this::variable, script -> substitute(script, err), sys, pid, cwd);
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
        Input stdin = in;
        Outcome o = null;
        int deathSignal = 0;
        List<Cmd> cmds = pl.commands();
        for (int i = 0; i < cmds.size(); i++) {
            boolean lastStage = i == cmds.size() - 1;
            Sink.Buffer pipe = lastStage ? null : new Sink.Buffer(false, MAX_OUTPUT);
            Sink stageOut = lastStage ? out : pipe;
            o = cmds.get(i) instanceof Compound c ? compounds.run(c, stdin, stageOut, err)
                    : runSimple((SimpleCommand) cmds.get(i), stdin, stageOut, err);
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

    private Outcome runSimple(SimpleCommand cmd, Input stdin, Sink out, Sink terminal) {
        Expander ex = expander(terminal);
        List<String> argv = ex.fields(cmd.words());
        if (argv.size() == 1 && argv.get(0).equals("exec")) {
            try {
                return new Outcome(new HeldFds(sys, pid, cwd, heldFds).exec(cmd.redirects(), ex, terminal), null, 0);
            } catch (TaskGone gone) {
                if (forked) {
                    throw gone;         // a subshell or "sh -c" died: whoever waits for it sees that
                }
                relogin();              // the shell itself was killed: the terminal logs in again
                interrupted = true;
                return new Outcome(128 + Signals.SIGKILL, null, Signals.SIGKILL);
            }
        }
        if (argv.isEmpty()) {
            for (Assignment a : cmd.assignments()) {
                vars.put(a.name(), ex.string(a.value()));
            }
            Stdio io = Stdio.open(cmd.redirects(), ex, sys, pid, cwd, stdin, out, terminal, heldFds);
            if (io != null) {
                io.close();
            }
            return new Outcome(io == null ? 1 : 0, null, 0);
        }
        String name = argv.get(0);
        Command builtin = builtins.get(name);
        if (builtin != null) {
            Stdio io;
            try {
                io = Stdio.open(cmd.redirects(), ex, sys, pid, cwd, stdin, out, terminal, heldFds);
            } catch (TaskGone gone) {
                if (!gone.died) {
                    return new Outcome(0, pid, 0, true);
                }
                throw gone;
            }
            if (io == null) {
                return new Outcome(1, null, 0);
            }
            Proc p = new Proc(sys, pid, argv, io.stdin(), io.out(), io.err(), this);
            int st;
            try {
                st = builtin.run(p);
            } catch (Interrupted ctrlC) {
                return new Outcome(128 + Signals.SIGINT, null, Signals.SIGINT);   // "read" at the terminal, ^C
            } catch (TaskGone gone) {
                if (!gone.died) {
                    return new Outcome(0, pid, 0, true);
                }
                if (forked) {
                    throw gone;
                }
                relogin();
                interrupted = true;
                return new Outcome(128 + Signals.SIGKILL, null, Signals.SIGKILL);
            } finally {
                io.close();
            }
            return new Outcome(st, null, 0);
        }
        Command program = program(name);
        if (program == null) {
            terminal.write(name.contains("/") ? "bash: " + name + ": No such file or directory\n"
                    : "bash: " + name + ": command not found\n");
            return new Outcome(127, null, 0);
        }
        String comm = Paths.baseName(name);
        if (execLast) {
            return execInPlace(program, comm, argv, cmd, ex, stdin, out, terminal);
        }
        int child = sys.spawn(pid, comm.length() > 15 ? comm.substring(0, 15) : comm, argv);
        if (child < 0) {
            terminal.write("bash: fork: " + Errno.strerror(child) + "\n");
            return new Outcome(254, null, 0);
        }
        lastSpawned = child;
        Stdio io;
        try {
            io = Stdio.open(cmd.redirects(), ex, sys, child, cwd, stdin, out, terminal, heldFds);
        } catch (TaskGone gone) {
            if (!gone.died) {
                return new Outcome(0, child, 0, true);
            }
            io = null;
        }
        if (io == null) {
            sys.exit(child, 1);
            sys.waitpid(pid, child);
            return new Outcome(1, child, 0);
        }
        Proc p = new Proc(sys, child, argv, io.stdin(), io.out(), io.err(), this);
        if (!inBackground) {
            sys.sleepInWait(pid, true);     // bash is in wait4() until its foreground child ends
        }
        try {
            int st = program.run(p);
            if (p.writeError() != 0 && st == 0) {
                p.eprint(comm + ": write error: " + Errno.strerror(p.writeError()) + "\n");
                st = 1;
            }
            io.close();
            sys.exit(child, st & 0xff);
        } catch (TaskGone gone) {
            if (!gone.died) {
                return new Outcome(0, child, 0, true);
            }
        } catch (Proc.FileError e) {
            p.eprint(comm + ": " + Errno.strerror(e.errno) + "\n");
            io.close();
            sys.exit(child, 1);
        } catch (Interrupted ctrlC) {
            io.close();
            if (sys.kill(child, Signals.SIGINT) < 0 || sys.exitStatus(child) == -1) {
                sys.exit(child, 128 + Signals.SIGINT);
            }
        }
        int ws = sys.exitStatus(child);
        if (ws == -1) {
            return new Outcome(0, child, 0, true);
        }
        sys.sleepInWait(pid, false);
        sys.waitpid(pid, child);
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
        Stdio io = Stdio.open(cmd.redirects(), ex, sys, pid, cwd, stdin, out, terminal, heldFds);
        if (io == null) {
            return new Outcome(1, pid, 0);
        }
        sys.execProgram(pid, comm.length() > 15 ? comm.substring(0, 15) : comm, argv);
        Proc p = new Proc(sys, pid, argv, io.stdin(), io.out(), io.err(), this);
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
        status = st & 0xff;
        return new Outcome(status, pid, 0);
    }

    /**
     * $(...) and `...`: runs the script as a subshell would (its cd and variables do not stick)
     * and returns its stdout without trailing newlines; its stderr goes to the terminal.
     */
    private String substitute(String script, Sink err) {
        Script parsed;
        try {
            parsed = ShellParser.parse(script);
        } catch (ShellParser.SyntaxError e) {
            err.write("bash: command substitution: " + e.getMessage() + "\n");
            status = 2;
            return "";
        }
        String savedCwd = cwd;
        Map<String, String> savedVars = new HashMap<>(vars);
        Sink.Buffer out = new Sink.Buffer(false, MAX_OUTPUT);
        try {
            for (Job job : parsed.jobs()) {
                if (runAndOr(job.body(), Input.empty(), out, err).running) {
                    break;
                }
            }
        } finally {
            cwd = savedCwd;
            vars.clear();
            vars.putAll(savedVars);
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
        String savedCwd = cwd;
        Map<String, String> savedVars = new HashMap<>(vars);
        int savedStatus = status;
        try {
            Outcome o = new Outcome(0, null, 0);
            List<Job> all = parsed.jobs();
            for (int i = 0; i < all.size(); i++) {
                Job job = all.get(i);
                execLast = i == all.size() - 1 && execable(job);
                try {
                    o = runAndOr(job.body(), Input.empty(), out, err);
                } finally {
                    execLast = false;
                }
                if (o.running) {
                    throw new TaskGone(false);
                }
            }
            return status;
        } catch (ScriptExit e) {
            return e.status;
        } finally {
            cwd = savedCwd;
            vars.clear();
            vars.putAll(savedVars);
            status = savedStatus;
        }
    }

    /** Whether a job is one simple command run in the foreground (what "sh -c" may exec). */
    private boolean execable(Job job) {
        return !job.background() && job.body().pipelines().size() == 1
                && job.body().pipelines().get(0).commands().size() == 1 && !job.body().pipelines().get(0).negate()
                && job.body().pipelines().get(0).commands().get(0) instanceof SimpleCommand sc
                && dashC;
    }

    /**
     * sh -c SCRIPT as the process {@code shPid} runs it: a shell of its own (its $$, variables and
     * descriptors), which execs its last simple command; returns the status.
     */
    int runCommandString(int shPid, List<String> shArgv, String script, Sink out, Sink err) {
        Shell sh = fork(shPid);
        sh.shellPid = 0;                    // a new shell: $$ is its own pid
        sh.argv = List.copyOf(shArgv);
        sh.comm = Paths.baseName(shArgv.get(0));
        sh.dashC = true;
        return sh.runScript(script, out, err);
    }

    /** bash FILE as the process {@code shPid} runs it: a shell of its own; returns the status. */
    int runScriptFile(int shPid, List<String> shArgv, String script, Sink out, Sink err) {
        Shell sh = fork(shPid);
        sh.shellPid = 0;
        sh.argv = List.copyOf(shArgv);
        sh.comm = Paths.baseName(shArgv.get(0));
        return sh.runScript(script, out, err);
    }

    /** The program a command name runs: a bare name or a path in /bin, /sbin, /usr/bin, /usr/sbin. */
    private Command program(String name) {
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
