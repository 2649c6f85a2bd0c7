package dev.kplay.userland.sh;

import dev.kplay.userland.Signals;
import dev.kplay.userland.Sink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * bash's job table (jobs.c): the background jobs a line started with '&', by job number, the
 * statuses of those that ended (for `wait` and the "[1]+  Done" notices at the next prompt),
 * and the foreground job a line left blocked in the kernel, which the terminal's Ctrl-C signals.
 * Split from Shell, which runs lines and asks here about jobs.
 */

/** The shell's jobs. */
final class Jobs {
    private final Shell shell;
    /** $!: the pid of the last background job, 0 if none. */
    private int lastBackground;
    /** Background jobs still running, by job number ("[1]"). */
    private final TreeMap<Integer, BackgroundJob> activeJobs = new TreeMap<>();

    /** A background job left running in the kernel. */
    record BackgroundJob(int number, int pid, String text) {}

    /** Pid of the foreground job a line left blocked in the kernel, or 0. */
    private int stuck;

    /** Pids of background jobs (ps shows them without the '+' of the foreground group). */
    private final List<Integer> backgroundPids = new ArrayList<>();

    /** Background sleeps: the sleeping pid to the CLOCK_MONOTONIC time its nanosleep ends (its job's thread is parked). */
    private final Map<Integer, Long> sleepers = new TreeMap<>();

    /** Exit statuses of background jobs that ended (their tasks are reaped; `wait` reports these). */
    private final Map<Integer, Integer> backgroundStatus = new HashMap<>();

    /** A background job whose thread is parked: its pid, its output so far (and how much was shown), its outcome once ended. */
    private record Parked(int pid, Coroutine co, Sink.Buffer out, int[] shown, Shell.Outcome[] done) {}

    private final List<Parked> parked = new ArrayList<>();

    /** wait(2) statuses of background jobs that ended on their own thread after they first parked. */
    private final Map<Integer, Integer> endedLater = new HashMap<>();

    /** Background job {@code p} parked with its task asleep in the kernel; it goes on in resumeReady(). */
    void parked(int p, Coroutine co, Sink.Buffer out, Shell.Outcome[] done) {
        parked.add(new Parked(p, co, out, new int[] {out.bytes().length}, done));
    }

    /**
     * Lets the parked background jobs whose tasks the kernel has woken run on (until they park again
     * or end), in the order they were started; what they print goes to {@code terminal}.
     */
    int resumeReady(Sink terminal) {
        int resumed = 0;
        for (int round = 0; round < 64; round++) {
            Parked next = null;
            for (Parked p : parked) {
                if (p.co().ready()) {
                    next = p;
                    break;
                }
            }
            if (next == null) {
                return resumed;
            }
            resumed++;
            boolean ended = next.co().resume();
            byte[] all = next.out().bytes();
            if (all.length > next.shown()[0]) {
                terminal.write(java.util.Arrays.copyOfRange(all, next.shown()[0], all.length));
                next.shown()[0] = all.length;
            }
            if (ended) {
                parked.remove(next);
                Shell.Outcome o = next.done()[0];
                if (o != null && !o.running()) {
                    endedLater.put(next.pid(), o.signal() != 0 ? o.signal() : (o.status() & 0xff) << 8);
                }
            }
        }
        return resumed;
    }

    /** Ends the parked jobs' threads. */
    void killParked() {
        for (Parked p : new ArrayList<>(parked)) {
            p.co().kill();
        }
        parked.clear();
    }

    /** How job {@code p} ended, in wait(2) encoding, or -1 while it runs. */
    int endStatus(int p) {
        Integer later = endedLater.get(p);
        return later != null ? later : shell.sys().exitStatus(p);
    }

    boolean isBackground(int p) { return backgroundPids.contains(p); }

    /** The exit status of an ended background job, or null. */
    Integer backgroundStatus(int p) { return backgroundStatus.get(p); }

    /** Task {@code p} of a background job sleeps in nanosleep until {@code until}; 0: its sleep ended. */
    void asleep(int p, long until) {
        if (until == 0) {
            sleepers.remove(p);
        } else {
            sleepers.put(p, until);
        }
    }

    /** When the first background sleep ends (CLOCK_MONOTONIC), or -1 if no background job sleeps. */
    long nextWake() {
        sleepers.keySet().removeIf(p -> shell.sys().exitStatus(p) != -1);
        return sleepers.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** bash's job mark: '+' for the current job (the last started), '-' for the previous, else ' '. */
    char mark(int number) {
        List<Integer> numbers = new ArrayList<>(activeJobs.keySet());
        int i = numbers.indexOf(number);
        return i == numbers.size() - 1 ? '+' : i == numbers.size() - 2 ? '-' : ' ';
    }

    /**
     * The numbers of the jobs that have ended. A line reports, at its end, the jobs that had ended before it began: bash learns of a child's
     * death from SIGCHLD after it has printed its prompt, so a job that ends during a line (kill
     * -9 %1) is reported at the end of the next one.
     */
    List<Integer> ended() {
        List<Integer> out = new ArrayList<>();
        for (BackgroundJob j : activeJobs.values()) {
            if (endStatus(j.pid()) != -1) {
                out.add(j.number());
            }
        }
        return out;
    }

    /** bash's notices, at the prompt, for background jobs that ended since ("[1]+  Killed  cat ..."). */
    void reportEndedJobs(Sink terminal) {
        reportEndedJobs(terminal, null);
    }

    /**
     * bash's make_child() with job control on: the new process {@code child} of {@code sh} joins the job's process
     * group (the first process of the job leads it) and, for a job in front, gets the terminal.
     */
    void joinJob(Shell sh, int child) {
        if (!sh.jobControl) {
            return;
        }
        if (sh.jobPgrp == 0) {
            sh.jobPgrp = child;
        }
        sh.sys.setpgid(sh.pid, child, sh.jobPgrp);
        if (!sh.inBackground) {
            sh.sys.tcsetpgrp(sh.pid, sh.jobPgrp);
        }
    }

    /** bash's give_terminal_to(shell_pgrp): back at the prompt, the shell's own group is in front again. */
    void takeTerminal(Shell sh) {
        if (sh.jobControl && !sh.inBackground) {
            sh.jobPgrp = 0;
            sh.sys.tcsetpgrp(sh.pid, sh.pid);
        }
    }

    /**
     * bash's notice of a job that ended: "[1]+  Done  cmd" from an interactive shell; from a script's
     * bash (notify_of_job_status() with interactive_shell == 0) only a death by a signal other than
     * SIGINT, SIGPIPE and SIGTERM (Debian builds bash with DONT_REPORT_SIGTERM), as
     * "bash: line N:   PID Killed   cmd" (JLIST_NONINTERACTIVE).
     */
    String notice(int number, char mark, int pid, int sig, String state, String text) {
        if (shell.stdinIsTerminal) {
            return String.format("[%d]%c  %-24s%s%n", number, mark, state, text);
        }
        if (sig == 0 || sig == Signals.SIGINT || sig == Signals.SIGTERM || sig == SIGPIPE) {
            return "";
        }
        return String.format("bash: line %d: %5d %-24s%s%n", shell.lineNumber, pid, state, text);
    }

    private static final int SIGPIPE = 13;

    /** The notices for the ended jobs among {@code only} (all ended jobs if null). */
    void reportEndedJobs(Sink terminal, List<Integer> only) {
        for (BackgroundJob j : new ArrayList<>(activeJobs.values())) {
            if (only != null && !only.contains(j.number())) {
                continue;
            }
            int ws = endStatus(j.pid());
            if (ws == -1) {
                continue;
            }
            if (endedLater.remove(j.pid()) == null) {
                shell.sys().waitpid(shell.pid(), j.pid());
            }
            char m = mark(j.number());
            activeJobs.remove(j.number());
            int sig = ws & 0x7f;
            int st = sig != 0 ? 128 + sig : (ws >> 8) & 0xff;
            backgroundStatus.put(j.pid(), st);
            String state = sig != 0 ? (Signals.death(sig) == null ? "Interrupt" : Signals.death(sig))
                    : st == 0 ? "Done" : "Exit " + st;
            terminal.write(notice(j.number(), m, j.pid(), sig, state, j.text()));
        }
        if (!shell.stdinIsTerminal) {
            return;                 // no job control in a script: a stop is not reported
        }
        // waitpid(WUNTRACED) sees a job stopped by a signal: bash says so once, and again after a SIGCONT
        for (BackgroundJob j : activeJobs.values()) {
            boolean stopped = shell.sys().stopped(j.pid());
            if (stopped && stoppedNoticed.add(j.pid())) {
                terminal.write(String.format("[%d]%c  %-24s%s%n", j.number(), mark(j.number()), "Stopped", j.text()));
            } else if (!stopped) {
                stoppedNoticed.remove(j.pid());
            }
        }
    }

    /** The pids of stopped jobs whose stop bash has already reported. */
    private final java.util.Set<Integer> stoppedNoticed = new java.util.HashSet<>();

    /** Whether job {@code p} is stopped (T), for the jobs builtin. */
    boolean stopped(int p) {
        return shell.sys().stopped(p);
    }

    /** The running background jobs, by number. */
    List<BackgroundJob> activeJobs() {
        return new ArrayList<>(activeJobs.values());
    }

    /** The pid of job %n, or -1. */
    int jobPid(int n) {
        BackgroundJob j = activeJobs.get(n);
        return j == null ? -1 : j.pid();
    }

    /** The subshell process whose blocked program {@link #stuck} is (it waits for it), or 0. */
    private int stuckVia;

    /** The blocked foreground program runs in subshell {@code s}, which exits with it. */
    void setStuckVia(int s) { stuckVia = s; }

    /** Reaps the blocked foreground job if it has ended since (bash's waitpid returning). */
    void reapStuck() {
        if (stuck != 0 && stuckVia != 0 && shell.sys().exitStatus(stuck) != -1) {
            // the subshell's wait4() returns, and it exits with its program's status
            int ws = shell.sys().exitStatus(stuck);
            shell.sys().waitpid(stuckVia, stuck);
            shell.sys().exit(stuckVia, (ws & 0x7f) != 0 ? 128 + (ws & 0x7f) : (ws >> 8) & 0xff);
            stuck = stuckVia;
            stuckVia = 0;
        }
        if (stuck != 0 && shell.sys().exitStatus(stuck) != -1) {
            int ws = shell.sys().exitStatus(stuck);
            shell.sys().sleepInWait(shell.pid(), false);
            shell.sys().waitpid(shell.pid(), stuck);
            stuck = 0;
            shell.setStatus((ws & 0x7f) != 0 ? 128 + (ws & 0x7f) : (ws >> 8) & 0xff);
        }
    }

    /** The foreground job still blocked in the kernel (the line that returned running), or 0. */
    int stuckForeground() { return stuck; }

    /**
     * Ctrl-C (or another signal) to the foreground job still blocked in the kernel, as the terminal
     * driver sends it. Returns how the job stands afterwards (ended: its status and bash's line for
     * the signal; still blocked: running), or null if there is no such job.
     */
    Shell.Result signalForeground(int sig) {
        if (stuck == 0) {
            return null;
        }
        int job = stuck;
        if (sig == Signals.SIGINT || sig == 3) {
            shell.flushInput();
        }
        shell.sys().kill(job, sig);
        int ws = shell.sys().exitStatus(job);
        if (ws == -1) {
            return new Shell.Result(null, "", false, true, job, shell.cwd());
        }
        shell.sys().sleepInWait(shell.pid(), false);
        shell.sys().waitpid(shell.pid(), job);
        stuck = 0;
        int signal = ws & 0x7f;
        shell.setStatus(signal != 0 ? 128 + signal : (ws >> 8) & 0xff);
        String line = signal != 0 && Signals.death(signal) != null ? Signals.death(signal) + "\n" : "";
        return new Shell.Result(shell.lastStatus(), line, signal != 0, false, job, shell.cwd());
    }

    Jobs(Shell shell) {
        this.shell = shell;
    }

    /** $!, "" before any background job. */
    String lastBackground() {
        return lastBackground == 0 ? "" : String.valueOf(lastBackground);
    }

    /**
     * Records a job started in the background as process {@code bgPid}: still running (a job
     * number in the table) or already ended (its status kept for `wait`). Returns its job number.
     */
    int add(int bgPid, Shell.Outcome o, String text) {
        int n = activeJobs.isEmpty() ? 1 : activeJobs.lastKey() + 1;
        if (!o.running()) {
            backgroundStatus.put(bgPid, o.status());
        } else {
            activeJobs.put(n, new BackgroundJob(n, bgPid, text));
        }
        lastBackground = bgPid;
        backgroundPids.add(bgPid);
        return n;
    }

    /** The foreground job {@code p} stays blocked in the kernel (0: none). */
    void setStuck(int p) {
        if (p == 0) {
            stuckVia = 0;
        }
        stuck = p;
    }

    /** Forgets every job (a fresh login shell). */
    void clear() {
        killParked();
        endedLater.clear();
        sleepers.clear();
        lastBackground = 0;
        backgroundPids.clear();
        backgroundStatus.clear();
        activeJobs.clear();
        stuck = 0;
        stuckVia = 0;
    }
}
