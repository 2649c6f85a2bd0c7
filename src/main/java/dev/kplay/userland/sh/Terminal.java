package dev.kplay.userland.sh;

import static dev.kplay.userland.sh.Shell.MAX_OUTPUT;

import dev.kplay.userland.Signals;
import dev.kplay.userland.Sink;
import dev.kplay.userland.Tty;
import dev.kplay.userland.sh.Ast.Script;
import dev.kplay.userland.sh.Shell.Outcome;
import dev.kplay.userland.sh.Shell.Result;
import java.util.ArrayList;
import java.util.List;

/*
 * The interactive shell's side of its controlling terminal: what the user types while a foreground
 * job runs (echoed, handed to the job through the tty, or left there as type-ahead that bash's
 * readline reads as its next commands once the job gives the terminal back), the foreground line
 * parked on a thread of its own while one of kplay's commands reads the terminal, and the live
 * output of jobs still running, shown where a real terminal would have shown it meanwhile.
 * Split from Shell, which runs the lines' jobs; a fork of the shell gets its own, over the same tty.
 */

/** The shell's terminal: typed input, type-ahead, the parked foreground line and running jobs' output. */
final class Terminal {
    private final Shell shell;
    /** The terminal's input side: what the user types while a foreground job runs (the login shell's tty). */
    private final Tty tty;

    Terminal(Shell shell, Tty tty) {
        this.shell = shell;
        this.tty = tty;
    }

    /** The tty this terminal reads (a fork of the shell shares it). */
    Tty tty() { return tty; }

    /** A typed line ahead of time: queued in the tty, read when the foreground job ends. */
    void typeAhead(String text) { tty.receive(text); }

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

    /** The end of a typed line: what jobs printed meanwhile, bash's job notices, and the line's result. */
    Result endLine(Outcome last, Sink.Buffer terminal, List<String> notices, List<Integer> endedBefore) {
        shell.jobs.resumeReady(terminal);
        showLiveOutput(terminal);
        if (last == null) {
            watchOutput(terminal);
            return new Result(null, terminal.text(), false, true, shell.jobs.stuckForeground(), shell.cwd);
        }
        for (String n : notices) {
            terminal.write(n);
        }
        shell.jobs.reportEndedJobs(terminal, endedBefore);
        return new Result(shell.status, terminal.text(), last.signal() != 0, false, last.pid(), shell.cwd);
    }

    /** A typed line on its own thread, parked while one of kplay's commands reads the terminal. */
    private record ForegroundLine(Coroutine co, Sink.Buffer terminal, List<String> notices,
                                  List<Integer> endedBefore, Outcome[] done) {}

    /** The foreground line waiting for a typed line, or null. */
    private ForegroundLine waitingLine;

    /** Whether a foreground line is parked until a line is typed for the command reading the terminal. */
    boolean lineWaits() { return waitingLine != null; }

    /**
     * Runs a typed line on a thread of its own, so that it can park where one of kplay's commands
     * waits for a typed line ({@link #mayReadTerminal}); returns how the line stands.
     */
    Result runParkable(Script script, Sink.Buffer terminal, List<String> notices, List<Integer> endedBefore) {
        Outcome[] done = {null};
        Coroutine co = new Coroutine("kplay-fg-" + shell.pid,
                () -> done[0] = shell.runLineChecked(script, terminal, notices), true);
        return foregroundGoesOn(new ForegroundLine(co, terminal, notices, endedBefore, done), terminal);
    }

    /**
     * Ctrl-C (or Ctrl-\) while the foreground line waits for a typed line: n_tty's isig() drops the
     * line typed so far and the reader is interrupted; null if no line waits.
     */
    Result interruptWaitingLine() {
        if (waitingLine == null) {
            return null;
        }
        flushInput();
        waitingLine.co().interruptTtyWait();
        return foregroundGoesOn(waitingLine, new Sink.Buffer(true, MAX_OUTPUT));
    }

    /** Ends the parked foreground line's thread (the shell is going away). */
    void shutdown() {
        if (waitingLine != null) {
            waitingLine.co().kill();
            waitingLine = null;
        }
    }

    /**
     * Runs the foreground line on (until it ends or waits for the terminal again); what it prints
     * goes to {@code shown}. Ended: the line's result; waiting: running, with the reader's pid.
     */
    private Result foregroundGoesOn(ForegroundLine line, Sink.Buffer shown) {
        if (waitingLine == line) {
            waitingLine = null;
            shell.jobs.setStuck(0);
        }
        if (!line.co().resume()) {
            waitingLine = line;
            int reader = line.co().ttyReader();
            shell.jobs.setStuck(reader);
            if (shown != line.terminal()) {
                showLiveOutput(shown);
                return new Result(null, shown.text(), false, true, reader, shell.cwd);
            }
            watchOutput(line.terminal());
            return new Result(null, line.terminal().text(), false, true, reader, shell.cwd);
        }
        if (shown == line.terminal()) {
            return endLine(line.done()[0], line.terminal(), line.notices(), line.endedBefore());
        }
        showLiveOutput(shown);
        Sink.Buffer rest = new Sink.Buffer(true, MAX_OUTPUT);
        Result r = endLine(line.done()[0], rest, line.notices(), line.endedBefore());
        shown.write(rest.bytes());
        Result ended = new Result(r.exitCode(), shown.text(), r.killed(), r.running(), r.pid(), shell.cwd);
        Result ahead = r.running() ? null : bashReadsTypeAhead(shown);
        return ahead == null ? ended : ahead;
    }

    /**
     * Bytes typed at the terminal while a foreground job runs (see {@link dev.kplay.userland.Tty}):
     * the echo, then what the job printed once it read them (it runs on at once), and how it stands
     * afterwards (ended: its status, and bash's line if a signal killed it; else still running).
     */
    Result typed(String text) {
        Sink.Buffer terminal = new Sink.Buffer(true, MAX_OUTPUT);
        terminal.write(tty.receive(text));
        if (waitingLine != null) {
            return tty.readable() ? foregroundGoesOn(waitingLine, terminal)
                    : new Result(null, terminal.text(), false, true, shell.jobs.stuckForeground(), shell.cwd);
        }
        showLiveOutput(terminal);
        int job = shell.jobs.stuckForeground();
        if (job == 0) {
            return new Result(shell.status, terminal.text(), false, false, null, shell.cwd);
        }
        int ws = shell.sys.exitStatus(job);
        if (ws == -1) {
            return new Result(null, terminal.text(), false, true, job, shell.cwd);
        }
        shell.jobs.reapStuck();
        int signal = ws & 0x7f;
        if (signal != 0 && Signals.death(signal) != null) {
            terminal.write(Signals.death(signal) + "\n");
        }
        Result ended = new Result(shell.status, terminal.text(), signal != 0, false, job, shell.cwd);
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
        String ahead = !shell.forked ? tty.takeAll().replace("\u0004", "") : "";
        Result last = null;
        int at = 0;
        for (int n = 0; n < MAX_AHEAD_LINES && ahead.indexOf('\n', at) >= 0; n++) {
            int nl = ahead.indexOf('\n', at);
            String line = ahead.substring(at, nl);
            at = nl + 1;
            String dir = shell.cwd.equals("/root") ? "~" : shell.cwd.startsWith("/root/") ? "~" + shell.cwd.substring(5) : shell.cwd;
            if (shell.stdinIsTerminal) {
                terminal.write("root@kplay:" + dir + "# " + line + "\n");
            }
            if (line.isBlank()) {
                continue;
            }
            Result r = shell.run(line);
            terminal.write(r.output());
            last = new Result(r.exitCode(), terminal.text(), r.killed(), r.running(), r.pid(), r.cwd());
            if (r.running()) {
                break;
            }
        }
        if (last == null && at > 0) {
            last = new Result(shell.status, terminal.text(), false, false, null, shell.cwd);
        }
        return last;
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
    String lateOutput(boolean[] resumed) {
        Sink.Buffer terminal = new Sink.Buffer(true, MAX_OUTPUT);
        resumed[0] = shell.jobs.resumeReady(terminal) > 0;
        showLiveOutput(terminal);
        int job = shell.jobs.stuckForeground();
        if (job != 0 && waitingLine == null && shell.sys.exitStatus(job) != -1) {
            shell.jobs.reapStuck();
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

    void watchOutput(Sink.Buffer t) {
        if (liveOutputs.size() == MAX_LIVE_OUTPUTS) {
            liveOutputs.remove(0);
        }
        liveOutputs.add(new LiveOutput(t, new int[] {t.bytes().length}));
    }

    /** Writes what running jobs printed since the last line to {@code terminal}. */
    void showLiveOutput(Sink.Buffer terminal) {
        for (LiveOutput l : liveOutputs) {
            byte[] b = l.terminal().bytes();
            if (b.length > l.shown()[0]) {
                terminal.write(java.util.Arrays.copyOfRange(b, l.shown()[0], b.length));
                l.shown()[0] = b.length;
            }
        }
    }
}
