package dev.kplay.session;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.kernel.KernelSnapshot;
import dev.kplay.kernel.mm.PageBudget;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/*
 * One browser tab's machine: its source files, the modules built from them, a booted kernel, the
 * shell on it, and the event log everything is recorded in. The kernel is a pure function of the
 * log, so replay() rebuilds an identical session (a shared link, a lost node, a test).
 *
 * Session is the facade the web layer calls: it checks each request and runs it through the
 * Gate, which takes the lock, lets idle wall time pass, and journals the new events afterwards.
 * The work is in the package:
 *   Gate          the lock, the session's end, and the wall time and journal around each call
 *   Machine       the state the log rebuilds, and apply() that performs and logs an event
 *   Commands      command lines run live, deferred or redone with a Ctrl-C; signals
 *   LogStreams    the dmesg and terminal listeners, and the records a deferred command holds
 *   JournalWriter how far the log is in the store, and when new events go there
 *   BuildBudget   the Build button's time budget
 *   CommandLines  the input checks, and the insmod and rmmod buttons' command lines
 *
 * Locking: one lock per session (Gate's); every operation that touches the kernel holds it, so
 * the kernel (which has no locks of its own) only ever runs on one thread at a time. signal() is
 * the one exception: a Ctrl-C must reach a command that is sleeping while holding the lock, so it
 * only raises a flag on the command's clock.
 *
 * Time: a command's sleep runs on the CommandClock (fixed virtual steps, wall-paced when
 * interactive). Idle wall time between requests becomes TimePassed events when followWallClock
 * is on.
 */

/** A kernel, its files, its shell and its event log. */
public final class Session {
    private final String id;
    private final SessionLimits limits;
    private final LongSupplier wallNanos;
    /** The log and terminal listeners, and a deferred command's held records. */
    private final LogStreams streams = new LogStreams();
    /** The lock, the session's end, and the wall time and journal around each call. */
    private final Gate gate;
    /** The state the event log rebuilds, and apply(). */
    private final Machine m;
    private final BuildBudget buildBudget;
    /** Wall time this session's jobs spent parked at the end of a time slice (the build budget leaves it out). */
    private volatile long parkedNanos;
    /** The server scheduler's runtime of this session between its lanes (SessionScheduler; under its monitor). */
    long schedRuntime;
    /** Command lines run live, deferred or redone, and signals. */
    private final Commands commands;

    public Session(String id, Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos) {
        this(id, toolchain, limits, wallNanos, PageBudget.unlimited());
    }

    /** A session whose kernels draw their memory from the server's {@code budget}. */
    public Session(String id, Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos, PageBudget budget) {
        this(id, toolchain, limits, wallNanos, budget, null);
    }

    /**
     * A session whose first kernel boots with {@code cmdline} appended to its command line (null or
     * blank for none); 400 if kplay does not simulate one of the parameters.
     */
    public Session(String id, Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos, PageBudget budget,
                   String cmdline) {
        dev.kplay.kernel.BootParams params = bootParams(cmdline);
        this.id = id;
        this.limits = limits;
        this.wallNanos = wallNanos;
        this.gate = new Gate(id, limits, wallNanos, streams);
        this.buildBudget = new BuildBudget(gate.lastUsedNanos());
        this.m = new Machine(toolchain, limits, wallNanos, budget, params, streams, gate.journal);
        this.commands = new Commands(m, streams, limits);
        m.boot();
        if (!m.bootParams.extra().isEmpty()) {
            m.events.add(new Event.Booted(m.bootParams.extra()));
        }
        gate.open(m, commands);
    }

    /** The boot parameters of {@code cmdline}, or a 400 naming the one kplay does not simulate. */
    static dev.kplay.kernel.BootParams bootParams(String cmdline) {
        return CommandLines.bootParams(cmdline);
    }

    /** The boot parameters the running kernel was booted with, after "console=ttyS0 panic=1" ("" for none). */
    public String cmdline() {
        return gate.locked(() -> m.bootParams.extra());
    }

    /**
     * A new session rebuilt from an event log at full speed (no pacing, no wall time); the result
     * has the same log and then goes on with {@code limits} as any session.
     */
    public static Session replay(String id, List<Event> log, Toolchain toolchain, SessionLimits limits,
                                 LongSupplier wallNanos) {
        return replay(id, log, toolchain, limits, wallNanos, PageBudget.unlimited(), null);
    }

    /** As {@link #replay(String, List, Toolchain, SessionLimits, LongSupplier)}, on the server's budget. */
    public static Session replay(String id, List<Event> log, Toolchain toolchain, SessionLimits limits,
                                 LongSupplier wallNanos, PageBudget budget) {
        return replay(id, log, toolchain, limits, wallNanos, budget, null);
    }

    /**
     * What one replayed event did: the command result of an exec or signal, the build result of
     * a build, and the kernel log records it added ({@code event} null for the first boot's).
     */
    public record Replayed(Event event, Shell.Result result, BuildResult build, List<LogRecord> records) {}

    /** As {@link #replay(String, List, Toolchain, SessionLimits, LongSupplier)}, telling {@code observer} each step. */
    public static Session replay(String id, List<Event> log, Toolchain toolchain, SessionLimits limits,
                                 LongSupplier wallNanos, Consumer<Replayed> observer) {
        return replay(id, log, toolchain, limits, wallNanos, PageBudget.unlimited(), observer);
    }

    /** A replay on the server's {@code budget}, telling {@code observer} (if not null) each step. */
    public static Session replay(String id, List<Event> log, Toolchain toolchain, SessionLimits limits,
                                 LongSupplier wallNanos, PageBudget budget, Consumer<Replayed> observer) {
        String cmdline = !log.isEmpty() && log.get(0) instanceof Event.Booted b ? b.cmdline() : null;
        Session s = new Session(id, toolchain, limits, wallNanos, budget, cmdline);
        if (cmdline != null) {
            log = log.subList(1, log.size());
        }
        List<Event> events = log;
        s.gate.replaying(() -> s.m.replay(events, observer));
        return s;
    }

    /**
     * Sets up a new session from a scenario at full speed, as a replay would: its files, then its
     * command lines, with no wall time passing in between (the result is the same every time).
     */
    public void runScenario(Scenario scenario) {
        if (scenario.files().size() > limits.maxFiles()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "too many files in the scenario ("
                    + scenario.files().size() + "; the limit is " + limits.maxFiles() + ")");
        }
        if (scenario.commands().size() > limits.maxEvents() / 2) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "too many commands in the scenario ("
                    + scenario.commands().size() + "; the limit is " + limits.maxEvents() / 2 + ")");
        }
        for (String c : scenario.commands()) {
            CommandLines.checkCommand(c);
        }
        gate.locked(() -> {
            m.runScenario(scenario);
            return null;
        });
    }

    public String id() { return id; }

    /** The kernel release this session runs ("6.1.0-56-amd64"). */
    public String kernelRelease() {
        return gate.locked(() -> m.kernel.uname(1)[2]);
    }

    /** How many times the kernel has been booted (1 after creation). */
    public int boots() { return m.boots; }

    /** Wall time (System.nanoTime scale) of the last request. */
    public long lastUsedNanos() { return gate.lastUsedNanos(); }

    // ---- files ---------------------------------------------------------------------------------

    /** Writes a source file into the session and into /root. */
    public void putFile(String name, String text) {
        CommandLines.checkFileName(name);
        CommandLines.checkSource(name, text, limits.maxSourceBytes());
        gate.locked(() -> {
            m.writeFile(name, text);
            return null;
        });
    }

    /** Deletes a source file; 404 if there is none. */
    public void deleteFile(String name) {
        boolean tree = LinuxTree.isTreeName(name);
        String path = tree ? LinuxTree.checkPath(name) : name;
        if (!tree) {
            checkName(name);
        }
        gate.locked(() -> {
            m.deleteFile(name, tree, path);
            return null;
        });
    }

    /** The source file names, sorted. */
    public List<String> fileNames() {
        return gate.locked(m::fileNames);
    }

    /** What builds made in /root (X.ko, executables), by name: part of the state a replay rebuilds. */
    public List<String> artifacts() {
        return gate.locked(() -> new ArrayList<>(m.modules.keySet()));
    }

    /** A source file's text; 404 if there is none. */
    public String file(String name) {
        boolean tree = LinuxTree.isTreeName(name);
        String path = tree ? LinuxTree.checkPath(name) : name;
        if (!tree) {
            checkName(name);
        }
        return gate.locked(() -> m.readFile(name, tree, path));
    }

    /**
     * A regular file in /root as the kernel holds it (a source, a built X.ko, what a command wrote),
     * read without a syscall so that nothing is logged; 404 if there is none.
     */
    public byte[] rootFile(String name) {
        checkName(name);
        return gate.locked(() -> m.rootFile(name));
    }

    /** Refuses a files-API name the session would not accept (400): a file of /root, or "linux/PATH" in ~/linux. */
    public static void checkFileName(String name) {
        CommandLines.checkFileName(name);
    }

    /** Refuses a file name the session would not accept (400). */
    public static void checkName(String name) {
        CommandLines.checkName(name);
    }

    // ---- build and commands ----------------------------------------------------------------------

    /** Runs kbuild over the files; each built X.ko lands in /root next to X.c. */
    public BuildResult build() {
        return gate.locked(() -> {
            m.refuseIfPanicked();
            buildBudget.take(wallNanos.getAsLong());
            Object[] r = {null};
            long t0 = wallNanos.getAsLong();
            long parked0 = parkedNanos;
            try {
                m.apply(new Event.Built(), r);
            } finally {
                buildBudget.spend(wallNanos.getAsLong() - t0 - (parkedNanos - parked0));    // time it ran, not parked
            }
            return (BuildResult) r[0];
        });
    }

    /** Runs one shell command line; {@code timeoutMs} null means the default. */
    public Shell.Result exec(String command, Long timeoutMs) {
        CommandLines.checkCommand(command);
        long timeout = timeoutMs == null ? limits.defaultTimeoutMs() : Math.max(0, Math.min(timeoutMs, limits.maxTimeoutMs()));
        return gate.locked(() -> commands.exec(command, timeout));
    }

    /**
     * A command run at full speed for a client that must not be waited for: its result, and the
     * wall time its sleeps and kernel waits would have taken (it is delivered then: see
     * {@link #deliver()}; until then its log records are held and a Ctrl-C may redo it).
     */
    public record Deferred(Shell.Result result, long owedNanos) {}

    /** Runs a command line as {@link #exec} would, at full speed: see {@link Deferred}. */
    public Deferred execDeferred(String command, Long timeoutMs) {
        CommandLines.checkCommand(command);
        long timeout = timeoutMs == null ? limits.defaultTimeoutMs() : Math.max(0, Math.min(timeoutMs, limits.maxTimeoutMs()));
        return gate.locked(() -> commands.execDeferred(command, timeout));
    }

    /** The wall times (into the deferred command) at which its held log records fall due. */
    public List<Long> heldDueTimes() {
        return streams.held.dueTimes();
    }

    /** Sends the deferred command's log records due by {@code elapsedNanos} of its wall time to the streams. */
    public void releaseHeld(long elapsedNanos) {
        streams.held.release(elapsedNanos, streams::send);
    }

    /**
     * The deferred command's wall time has passed: its remaining records go out, its event to the
     * journal, and the session's wall clock starts again from now.
     */
    public void deliver() {
        gate.deliver();
    }

    /**
     * A Ctrl-C {@code elapsedNanos} into the deferred command's wall time: the session is rebuilt
     * by replaying its log with the command interrupted where a live run would have seen it, the
     * records not yet sent go out, and the command is delivered. Returns the redone command's
     * result, or null if it had no sleep left to interrupt (it then goes on as it was).
     */
    public Shell.Result interruptDeferred(long elapsedNanos) {
        return gate.interruptDeferred(elapsedNanos);
    }

    /** Most characters one call may type at the terminal (a line, as n_tty's 4095-byte buffer, and some). */
    public static final int MAX_TYPED_CHARS = 4096;

    /**
     * Bytes typed at the terminal for the foreground job (the tty's line discipline echoes and
     * edits them; a line or ^D wakes a program reading its stdin): the echo, what the job printed,
     * and how it stands, as a command result.
     */
    public Shell.Result typed(String text) {
        if (text == null) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"text\"");
        }
        if (text.length() > MAX_TYPED_CHARS) {
            throw new SessionException(SessionException.Kind.TOO_LARGE, "typed text too long (the limit is "
                    + MAX_TYPED_CHARS + " characters)");
        }
        return gate.locked(() -> {
            m.refuseIfPanicked();
            Object[] out = {null};
            m.apply(new Event.Typed(text), out);
            return (Shell.Result) out[0];
        });
    }

    /**
     * Commands run from now on as a script's do when its stdin is at end of file (how the oracle
     * runs its cases): a program reading stdin gets end of file instead of waiting for typed lines.
     */
    public void runAsScript() {
        gate.locked(() -> {
            m.scriptStdin = true;
            m.shell.stdinIsTerminal(false);
            return null;
        });
    }

    /** The shell command the insmod button stands for. */
    public Shell.Result insmod(String module, String params) {
        return exec(insmodLine(module, params), null);
    }

    /** The command line of the insmod button: the module and each parameter quoted as one argument. */
    public static String insmodLine(String module, String params) {
        return CommandLines.insmodLine(module, params);
    }

    /** The shell command the rmmod button stands for. */
    public Shell.Result rmmod(String module) {
        return exec(rmmodLine(module), null);
    }

    /** The command line of the rmmod button. */
    public static String rmmodLine(String module) {
        return CommandLines.rmmodLine(module);
    }

    /**
     * What a signal reached: nothing, the command running right now (its own exec call answers),
     * or the foreground job blocked in the kernel ({@code result} says how it stands afterwards).
     */
    public record Signal(boolean delivered, Shell.Result result) {}

    /**
     * Ctrl-C and friends: reaches a command that is sleeping right now (its exec call then returns),
     * or else the foreground job still blocked in the kernel.
     */
    public Signal signal(int sig) {
        return gate.signal(sig);
    }

    /** A fresh kernel with the same files (and built modules): the newest kernel built in ~/linux, if any. */
    public void reboot() {
        reboot(false, null);
    }

    /** Reboots; {@code stock} boots Debian's stock kernel even when ~/linux has a newer build. */
    public void reboot(boolean stock) {
        reboot(stock, null);
    }

    /** A fresh kernel booted with {@code cmdline} (null: the same boot parameters as now); 400 for one kplay does not simulate. */
    public void reboot(String cmdline) {
        reboot(false, cmdline);
    }

    /** Reboots ({@code stock}: Debian's kernel even if ~/linux has a build) with {@code cmdline} (null: the same parameters). */
    public void reboot(boolean stock, String cmdline) {
        if (cmdline != null) {
            bootParams(cmdline);
        }
        gate.locked(() -> {
            m.apply(new Event.Rebooted(stock, cmdline == null ? null : dev.kplay.kernel.BootParams.parse(cmdline).extra()));
            return null;
        });
    }

    // ---- the kernel's state -------------------------------------------------------------------------

    public KernelSnapshot snapshot() {
        return gate.locked(() -> m.kernel.snapshot());
    }

    /** The whole log ring in the console format, one record per line. */
    public String dmesg() {
        return gate.locked(m::dmesg);
    }

    /**
     * Streams log records: first those after {@code afterSeq} (-1 for all), then each new one as
     * it is logged, across reboots (a reboot starts again at sequence 0). {@code onClose} runs when
     * the session ends. Close the handle to stop. The listener runs on the kernel's thread with the
     * session locked: it must only queue the record.
     */
    public AutoCloseable subscribe(long afterSeq, Consumer<LogRecord> listener, Runnable onClose) {
        return gate.locked(() -> {
            return streams.subscribe(m.kernel.log().after(afterSeq), listener, onClose);
        });
    }

    /**
     * Terminal output that comes between requests: what a running job (in the background, or a
     * foreground program that computes) prints as time passes. The listener runs with the session
     * locked and must only queue the text. Close the handle to stop.
     */
    public AutoCloseable subscribeTerminal(Consumer<String> listener) {
        return streams.subscribeTerminal(listener);
    }

    /** A copy of the event log. */
    public List<Event> events() {
        return gate.locked(() -> List.copyOf(m.events));
    }

    /**
     * Ends the session: listeners stop, later calls fail with 404. Never waits for the lock: if a
     * job holds it, the job's thread closes the session as it lets go (see Gate). Returns whether
     * it is closed on return.
     */
    public boolean close() {
        return gate.close();
    }

    /**
     * Lets {@code nanos} of virtual time pass with no command line running, as idle wall time does
     * between an interactive session's requests (a TimePassed event): for fast-forwarding replays and
     * tests, where the wall clock does not drive the kernel.
     */
    public void idle(long nanos) {
        gate.locked(() -> {
            m.apply(new Event.TimePassed(nanos));
            return null;
        });
    }

    /**
     * While the page is open, time follows the wall clock even between requests: a timer module
     * ticks in the live dmesg pane. Does nothing if a request holds the session (it moves time itself).
     */
    public void passTime() {
        gate.passTime();
    }

    // ---- the journal ------------------------------------------------------------------------------

    /** Where a session's new events go as they are logged (the store), so it can be rebuilt by replay. */
    public interface Journal {
        /** Appends {@code events} numbered from {@code firstSeq}; throws if that number is taken. */
        void append(String sessionId, int firstSeq, List<Event> events);
    }

    /** From now on new events also go to {@code journal}; the first {@code already} are there. */
    public void journalTo(Journal journal, int already) {
        gate.journalTo(journal, already);
    }

    /** The server's scheduler runs a job of this session: {@code p} is its preemption point (null: none now). */
    void preemptPoint(Runnable p) {
        m.preemptPoint = p;
        dev.kplay.cc.diag.CpuLimit.slicePoint(p == null ? null : m.slicePoint);   // a build of the job, too
    }

    /** The server's scheduler parked a job of this session for {@code nanos} of wall time (a slice ended). */
    void parked(long nanos) {
        parkedNanos += nanos;
    }

    /** Server CPU time this session's requests have used since this copy was built. */
    public long cpuNanos() {
        return gate.cpuNanos();
    }

    /** Events this session has written to its journal (all of them after each request). */
    public int journaled() {
        return gate.journal.journaled();
    }

    /** Whether another node wrote this session's log since this copy last did (the copy is stale). */
    public boolean stale() {
        return gate.journal.stale();
    }
}
