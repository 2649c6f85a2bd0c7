package dev.kplay.session;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Vmlinux;
import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelConfig;
import dev.kplay.kernel.KernelSnapshot;
import dev.kplay.kernel.mm.PageBudget;
import dev.kplay.kernel.panic.Halted;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.ko.KoFile;
import dev.kplay.ko.ModuleImage;
import dev.kplay.userland.Command;
import dev.kplay.userland.sh.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/*
 * One browser tab's machine: its source files, the modules built from them, a booted kernel, the
 * shell on it, and the event log everything is recorded in. The kernel is a pure function of the
 * log, so replay() rebuilds an identical session (a shared link, a lost node, a test).
 *
 * Locking: one lock per session; every operation that touches the kernel holds it, so the kernel
 * (which has no locks of its own) only ever runs on one thread at a time. signal() is the one
 * exception: a Ctrl-C must reach a command that is sleeping while holding the lock, so it only
 * raises a flag on the command's clock.
 *
 * Time: a command's sleep runs on the CommandClock (fixed virtual steps, wall-paced when
 * interactive). Idle wall time between requests becomes TimePassed events when followWallClock
 * is on.
 */

/** A kernel, its files, its shell and its event log. */
public final class Session {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}");
    private static final long MIN_IDLE_NANOS = 1_000_000L;

    private final String id;
    private final Toolchain toolchain;
    private final SessionLimits limits;
    private final LongSupplier wallNanos;
    /** The server's kernel memory, shared with every other session. */
    private final PageBudget budget;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, String> files = new TreeMap<>();
    private final TreeMap<String, byte[]> modules = new TreeMap<>();
    /** ~/linux: the kernel tree and the kernels built from it. */
    private LinuxTree linux = new LinuxTree();
    private final List<Event> events = new ArrayList<>();
    private final List<Consumer<LogRecord>> logListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    /** Who is shown terminal output that comes between requests (a running job's late output). */
    private final List<Consumer<String>> terminalListeners = new CopyOnWriteArrayList<>();
    /** The last idle stretch let a job run or print: the next one is not added to it (see record()). */
    private boolean tickActive;
    /** Commands read stdin at end of file, as a script's do, instead of waiting for typed input. */
    private boolean scriptStdin;
    private Kernel kernel;
    /** The parameters appended to the kernel command line at each boot (Booted, Rebooted with a cmdline). */
    private dev.kplay.kernel.BootParams bootParams = dev.kplay.kernel.BootParams.NONE;
    private Shell shell;
    private AutoCloseable kernelSubscription;
    private int boots;
    private long lastWall;
    private volatile long lastUsedNanos;
    /** Where apply(Signalled) leaves its result for signal(). */
    private Shell.Result[] signalled;
    /** The running command's sleeping clock (Ctrl-C reaches it without the lock). */
    private final CommandClock clock;
    private boolean closed;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Server CPU time this session's requests have used (this copy, since it was built). */
    private volatile long cpuNanos;
    private Journal journal;
    /** Events already in the journal. */
    private int journaled;
    private volatile boolean stale;
    /** A deferred command's log records, waiting for their wall time. */
    private final HeldRecords held = new HeldRecords();
    /** Records go here instead of to the listeners while set (a Ctrl-C redoing a deferred command). */
    private List<LogRecord> muted;
    /** A deferred command's records are held while it runs. */
    private boolean deferring;
    /** The last event is a deferred command not yet delivered: not journaled, no idle time after it. */
    private boolean deferredTail;
    private String deferredCommand;

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
        this.bootParams = bootParams(cmdline);
        this.id = id;
        this.budget = budget;
        this.toolchain = files -> dev.kplay.cc.gcc.ProgramBuild.build(toolchain::build, files);   // user programs: gcc
        this.limits = limits;
        this.wallNanos = wallNanos;
        this.lastWall = wallNanos.getAsLong();
        this.lastUsedNanos = lastWall;
        this.buildBudgetAt = lastWall;
        this.clock = new CommandClock(wallNanos, nanos -> {
            kernel.advanceTime(nanos);
            if (kernel.panicked()) {
                throw new Halted(kernel.panicState().message());
            }
        });
        boot();
        if (!bootParams.extra().isEmpty()) {
            events.add(new Event.Booted(bootParams.extra()));
        }
        this.lastWall = wallNanos.getAsLong();
    }

    /** The boot parameters of {@code cmdline}, or a 400 naming the one kplay does not simulate. */
    static dev.kplay.kernel.BootParams bootParams(String cmdline) {
        try {
            return dev.kplay.kernel.BootParams.parse(cmdline);
        } catch (IllegalArgumentException e) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, e.getMessage());
        }
    }

    /** The boot parameters the running kernel was booted with, after "console=ttyS0 panic=1" ("" for none). */
    public String cmdline() {
        return locked(() -> bootParams.extra());
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
        s.lock.lock();
        List<LogRecord> added = new ArrayList<>();
        Consumer<LogRecord> collect = added::add;
        try {
            if (observer != null) {
                observer.accept(new Replayed(null, null, null, s.kernel.log().records()));
                s.logListeners.add(collect);
            }
            for (Event e : log) {
                Object[] out = {null};
                s.apply(e, out);
                if (observer != null) {
                    observer.accept(new Replayed(e, out[0] instanceof Shell.Result r ? r : null,
                            out[0] instanceof BuildResult b ? b : null, List.copyOf(added)));
                    added.clear();
                }
            }
            s.lastWall = wallNanos.getAsLong();
        } finally {
            s.logListeners.remove(collect);
            s.lock.unlock();
        }
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
            checkCommand(c);
        }
        locked(() -> {
            scenario.files().forEach((name, text) -> {
                checkName(name);
                if (text.getBytes(StandardCharsets.UTF_8).length > limits.maxSourceBytes()) {
                    throw new SessionException(SessionException.Kind.TOO_LARGE, name + ": file too large (the limit is "
                            + limits.maxSourceBytes() + " bytes)");
                }
                apply(new Event.FileWritten(name, text));
            });
            for (String c : scenario.commands()) {
                apply(new Event.Executed(c, -1));
            }
            return null;
        });
    }

    public String id() { return id; }

    /** The kernel release this session runs ("6.1.0-56-amd64"). */
    public String kernelRelease() {
        return locked(() -> kernel.uname(1)[2]);
    }

    /** How many times the kernel has been booted (1 after creation). */
    public int boots() { return boots; }

    /** Wall time (System.nanoTime scale) of the last request. */
    public long lastUsedNanos() { return lastUsedNanos; }

    // ---- files ---------------------------------------------------------------------------------

    /** Writes a source file into the session and into /root. */
    public void putFile(String name, String text) {
        if (LinuxTree.isTreeName(name)) {
            LinuxTree.checkPath(name);
        } else {
            checkName(name);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > limits.maxSourceBytes()) {
            throw new SessionException(SessionException.Kind.TOO_LARGE,
                    name + ": file too large (" + text.getBytes(StandardCharsets.UTF_8).length + " bytes; the limit is "
                            + limits.maxSourceBytes() + " bytes)");
        }
        locked(() -> {
            boolean known = LinuxTree.isTreeName(name) ? linux.has(name.substring(LinuxTree.PREFIX.length()))
                    : files.containsKey(name);
            int count = LinuxTree.isTreeName(name) ? linux.size() - Vmlinux.FILES.size() : files.size();
            if (!known && count >= limits.maxFiles()) {
                throw new SessionException(SessionException.Kind.BAD_REQUEST,
                        "too many files (the limit is " + limits.maxFiles() + ")");
            }
            apply(new Event.FileWritten(name, text));
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
        locked(() -> {
            if (tree ? !linux.has(path) : !files.containsKey(name)) {
                throw new SessionException(SessionException.Kind.NOT_FOUND, "no such file: " + name);
            }
            apply(new Event.FileDeleted(name));
            return null;
        });
    }

    /** The source file names, sorted. */
    public List<String> fileNames() {
        return locked(() -> {
            List<String> names = new ArrayList<>(files.keySet());
            names.addAll(linux.names());
            return names;
        });
    }

    /** What builds made in /root (X.ko, executables), by name: part of the state a replay rebuilds. */
    public List<String> artifacts() {
        return locked(() -> new ArrayList<>(modules.keySet()));
    }

    /** A source file's text; 404 if there is none. */
    public String file(String name) {
        boolean tree = LinuxTree.isTreeName(name);
        String path = tree ? LinuxTree.checkPath(name) : name;
        if (!tree) {
            checkName(name);
        }
        return locked(() -> {
            String t = tree ? linux.read(kernel, path) : files.get(name);
            if (t == null) {
                throw new SessionException(SessionException.Kind.NOT_FOUND, "no such file: " + name);
            }
            return t;
        });
    }

    /**
     * A regular file in /root as the kernel holds it (a source, a built X.ko, what a command wrote),
     * read without a syscall so that nothing is logged; 404 if there is none.
     */
    public byte[] rootFile(String name) {
        checkName(name);
        return locked(() -> {
            if (kernel.vfs().lookup("/root/" + name) instanceof dev.kplay.kernel.fs.RegularFile f) {
                return f.contents();
            }
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such file in /root: " + name);
        });
    }

    /** Refuses a files-API name the session would not accept (400): a file of /root, or "linux/PATH" in ~/linux. */
    public static void checkFileName(String name) {
        if (LinuxTree.isTreeName(name)) {
            LinuxTree.checkPath(name);
        } else {
            checkName(name);
        }
    }

    /** Refuses a file name the session would not accept (400). */
    public static void checkName(String name) {
        if (LinuxTree.isTreeName(name)) {
            LinuxTree.checkPath(name);      // a path inside ~/linux: "linux/kernel/sys.c"
            return;
        }
        if (name == null || !FILE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST,
                    "bad file name: use letters, digits and . _ + - (at most 64 characters, no '/')");
        }
    }

    // ---- build and commands ----------------------------------------------------------------------

    /** Runs kbuild over the files; each built X.ko lands in /root next to X.c. */
    public BuildResult build() {
        return locked(() -> {
            refuseIfPanicked();
            takeBuildTime();
            Object[] r = {null};
            long t0 = wallNanos.getAsLong();
            try {
                apply(new Event.Built(), r);
            } finally {
                buildBudgetNanos -= wallNanos.getAsLong() - t0;
            }
            return (BuildResult) r[0];
        });
    }

    /**
     * The Build button's time budget: a session may spend BUILD_BURST_NANOS of build time at once,
     * refilled at one part in BUILD_REFILL_DIVISOR of wall time, so one session cannot keep the
     * build threads busy for everyone. Past it the build is refused (503 with Retry-After).
     */
    private void takeBuildTime() {
        long now = wallNanos.getAsLong();
        buildBudgetNanos = Math.min(BUILD_BURST_NANOS, buildBudgetNanos + (now - buildBudgetAt) / BUILD_REFILL_DIVISOR);
        buildBudgetAt = now;
        if (buildBudgetNanos <= 0) {
            long waitS = 1 + (-buildBudgetNanos * BUILD_REFILL_DIVISOR) / 1_000_000_000L;
            throw new SessionException(SessionException.Kind.UNAVAILABLE, "this session has used its build time for now;"
                    + " try again in " + waitS + " s");
        }
    }

    /** Build time a session may spend in one burst. */
    static final long BUILD_BURST_NANOS = 60_000_000_000L;
    /** Build time comes back at 1/N of wall time (N = 5: 12 s of building per minute, sustained). */
    static final long BUILD_REFILL_DIVISOR = 5;
    private long buildBudgetNanos = BUILD_BURST_NANOS;
    private long buildBudgetAt;

    /** Runs one shell command line; {@code timeoutMs} null means the default. */
    public Shell.Result exec(String command, Long timeoutMs) {
        checkCommand(command);
        long timeout = timeoutMs == null ? limits.defaultTimeoutMs() : Math.max(0, Math.min(timeoutMs, limits.maxTimeoutMs()));
        return locked(() -> {
            refuseIfPanicked();
            Shell.Result[] r = {null};
            clock.startLive(limits.followWallClock(), timeout);
            long interruptedAt;
            try {
                r[0] = runOnKernel(command);
            } finally {
                interruptedAt = clock.stop();
            }
            record(new Event.Executed(command, interruptedAt));
            return r[0];
        });
    }

    /**
     * A command run at full speed for a client that must not be waited for: its result, and the
     * wall time its sleeps and kernel waits would have taken (it is delivered then: see
     * {@link #deliver()}; until then its log records are held and a Ctrl-C may redo it).
     */
    public record Deferred(Shell.Result result, long owedNanos) {}

    /** Runs a command line as {@link #exec} would, at full speed: see {@link Deferred}. */
    public Deferred execDeferred(String command, Long timeoutMs) {
        checkCommand(command);
        long timeout = timeoutMs == null ? limits.defaultTimeoutMs() : Math.max(0, Math.min(timeoutMs, limits.maxTimeoutMs()));
        return locked(() -> {
            refuseIfPanicked();
            clock.startDeferred(timeout);
            deferring = true;
            Shell.Result r;
            long owed;
            try {
                r = runOnKernel(command);
            } catch (RuntimeException e) {
                held.release(Long.MAX_VALUE, this::send);
                held.clear();
                throw e;
            } finally {
                owed = limits.followWallClock() ? clock.debt() : 0;
                clock.stop();
                deferring = false;
            }
            record(new Event.Executed(command, -1));
            deferredTail = true;
            deferredCommand = command;
            return new Deferred(r, owed);
        });
    }

    /** The wall times (into the deferred command) at which its held log records fall due. */
    public List<Long> heldDueTimes() {
        return held.dueTimes();
    }

    /** Sends the deferred command's log records due by {@code elapsedNanos} of its wall time to the streams. */
    public void releaseHeld(long elapsedNanos) {
        held.release(elapsedNanos, this::send);
    }

    /**
     * The deferred command's wall time has passed: its remaining records go out, its event to the
     * journal, and the session's wall clock starts again from now.
     */
    public void deliver() {
        lock.lock();
        try {
            held.release(Long.MAX_VALUE, this::send);
            held.clear();
            if (deferredTail) {
                deferredTail = false;
                lastWall = wallNanos.getAsLong();
                if (!closed) {
                    flushJournal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A Ctrl-C {@code elapsedNanos} into the deferred command's wall time: the session is rebuilt
     * by replaying its log with the command interrupted where a live run would have seen it, the
     * records not yet sent go out, and the command is delivered. Returns the redone command's
     * result, or null if it had no sleep left to interrupt (it then goes on as it was).
     */
    public Shell.Result interruptDeferred(long elapsedNanos) {
        lock.lock();
        try {
            if (!deferredTail || closed) {
                return null;
            }
            long point = clock.interruptPointAt(elapsedNanos);
            if (point < 0) {
                return null;
            }
            int sent = held.releasedCount();
            held.clear();
            List<Event> before = new ArrayList<>(events.subList(0, events.size() - 1));
            List<LogRecord> redone;
            Object[] out = {null};
            muted = new ArrayList<>();
            try {
                forget();
                if (!before.isEmpty() && before.get(0) instanceof Event.Booted b) {
                    bootParams = bootParams(b.cmdline());     // as the constructor starts a session booted with one
                    events.add(b);
                    before = before.subList(1, before.size());
                }
                boot();
                for (Event e : before) {
                    apply(e);
                }
                muted.clear();
                apply(new Event.Executed(deferredCommand, point), out);
                redone = muted;
            } finally {
                muted = null;
            }
            for (int i = sent; i < redone.size(); i++) {
                send(redone.get(i));
            }
            deferredTail = false;
            lastWall = wallNanos.getAsLong();
            flushJournal();
            return (Shell.Result) out[0];
        } finally {
            lock.unlock();
        }
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
        return locked(() -> {
            refuseIfPanicked();
            Object[] out = {null};
            apply(new Event.Typed(text), out);
            return (Shell.Result) out[0];
        });
    }

    /**
     * Commands run from now on as a script's do when its stdin is at end of file (how the oracle
     * runs its cases): a program reading stdin gets end of file instead of waiting for typed lines.
     */
    public void runAsScript() {
        locked(() -> {
            scriptStdin = true;
            shell.stdinIsTerminal(false);
            return null;
        });
    }

    /** Longest command line a client may send. */
    static final int MAX_COMMAND_CHARS = 16 * 1024;

    private static void checkCommand(String command) {
        if (command == null) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"command\"");
        }
        if (command.length() > MAX_COMMAND_CHARS) {
            throw new SessionException(SessionException.Kind.TOO_LARGE, "command line too long (the limit is "
                    + MAX_COMMAND_CHARS + " characters)");
        }
    }

    /**
     * The shell runs the line; if the kernel panics under it, the line never finishes: it comes
     * back as still running, with no output, as a frozen terminal shows it.
     */
    private Shell.Result runOnKernel(String command) {
        Shell.Result r;
        try {
            r = shell.run(command);
        } catch (Halted h) {
            r = null;
        }
        return r == null || kernel.panicked() ? new Shell.Result(null, "", false, true, null, "/root") : r;
    }

    /** After a panic nothing runs on the machine until it reboots: say so instead of doing nothing. */
    private void refuseIfPanicked() {
        if (kernel.panicked()) {
            throw new SessionException(SessionException.Kind.HALTED, "the kernel panicked (Kernel panic - not syncing: "
                    + kernel.panicState().message() + "); nothing runs until you reboot");
        }
    }

    /** The shell command the insmod button stands for. */
    public Shell.Result insmod(String module, String params) {
        return exec(insmodLine(module, params), null);
    }

    /** The command line of the insmod button: the module and each parameter quoted as one argument. */
    public static String insmodLine(String module, String params) {
        if (module == null || module.isBlank()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"module\"");
        }
        StringBuilder line = new StringBuilder("insmod ").append(quote(module));
        for (String word : paramWords(params == null ? "" : params)) {
            line.append(' ').append(quote(word));
        }
        return line.toString();
    }

    /**
     * The params field split into insmod's arguments as the kernel's next_arg() reads them: at
     * blanks outside double quotes, quotes kept (the kernel strips them). Each word becomes one
     * argument, quoted for the shell, so nothing in the field is ever read as shell syntax.
     */
    static List<String> paramWords(String params) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inQuote = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            }
            if (!inQuote && Character.isWhitespace(c)) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }

    /** The shell command the rmmod button stands for. */
    public Shell.Result rmmod(String module) {
        return exec(rmmodLine(module), null);
    }

    /** The command line of the rmmod button. */
    public static String rmmodLine(String module) {
        if (module == null || module.isBlank()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"module\"");
        }
        return "rmmod " + quote(module);
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_./+=,:-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
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
        // A command holding the session is reached through its clock, never by waiting for the
        // lock: it may not have started sleeping yet, and waiting would let the sleep run out.
        while (!lock.tryLock()) {
            if (clock.interrupt()) {
                return new Signal(true, null);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        try {
            return signalLocked(sig);
        } finally {
            lock.unlock();
        }
    }

    private Signal signalLocked(int sig) {
        Shell.Result result = locked(() -> {
            refuseIfPanicked();
            if (shell.stuckForeground() == 0) {
                return null;
            }
            Shell.Result[] r = {null};
            signalled = r;
            try {
                apply(new Event.Signalled(sig));
            } finally {
                signalled = null;
            }
            return r[0];
        });
        return new Signal(result != null, result);
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
        locked(() -> {
            apply(new Event.Rebooted(stock, cmdline == null ? null : dev.kplay.kernel.BootParams.parse(cmdline).extra()));
            return null;
        });
    }

    // ---- the kernel's state -------------------------------------------------------------------------

    public KernelSnapshot snapshot() {
        return locked(() -> kernel.snapshot());
    }

    /** The whole log ring in the console format, one record per line. */
    public String dmesg() {
        return locked(() -> {
            StringBuilder b = new StringBuilder();
            for (LogRecord r : kernel.log().records()) {
                for (String line : r.text().split("\n", -1)) {
                    b.append(LogRecord.timestamp(r.tsNanos())).append(' ').append(line).append('\n');
                }
            }
            return b.toString();
        });
    }

    /**
     * Streams log records: first those after {@code afterSeq} (-1 for all), then each new one as
     * it is logged, across reboots (a reboot starts again at sequence 0). {@code onClose} runs when
     * the session ends. Close the handle to stop. The listener runs on the kernel's thread with the
     * session locked: it must only queue the record.
     */
    public AutoCloseable subscribe(long afterSeq, Consumer<LogRecord> listener, Runnable onClose) {
        return locked(() -> {
            for (LogRecord r : kernel.log().after(afterSeq)) {
                if (held.holds(r)) {
                    break;      // printed by a deferred command, not yet due: it comes with the others
                }
                listener.accept(r);
            }
            logListeners.add(listener);
            closeListeners.add(onClose);
            return () -> {
                logListeners.remove(listener);
                closeListeners.remove(onClose);
            };
        });
    }

    /**
     * Terminal output that comes between requests: what a running job (in the background, or a
     * foreground program that computes) prints as time passes. The listener runs with the session
     * locked and must only queue the text. Close the handle to stop.
     */
    public AutoCloseable subscribeTerminal(Consumer<String> listener) {
        terminalListeners.add(listener);
        return () -> terminalListeners.remove(listener);
    }

    /** A copy of the event log. */
    public List<Event> events() {
        return locked(() -> List.copyOf(events));
    }

    /** Ends the session: listeners stop, later calls fail with 404. */
    public void close() {
        locked(() -> {
            try {
                deferredTail = false;
                flushJournal(true);     // parked or drained: the idle time at the end, a command not yet delivered
            } catch (SessionException stale) {
                // another node has this session's log now; this copy has nothing to add
            }
            closed = true;
            unsubscribeKernel();
            shell.shutdown();
            kernel.release();
            logListeners.clear();
            terminalListeners.clear();
            for (Runnable r : closeListeners) {
                r.run();
            }
            closeListeners.clear();
            return null;
        });
    }

    // ---- the event machine ------------------------------------------------------------------------

    private void apply(Event e) {
        apply(e, null);
    }

    /** Performs one event and logs it; builds and commands put their result in {@code out[0]}. */
    private void apply(Event e, Object[] out) {
        if (e instanceof Event.FileWritten w && LinuxTree.isTreeName(w.name())) {
            linux.write(kernel, w.name().substring(LinuxTree.PREFIX.length()), w.text());
        } else if (e instanceof Event.FileDeleted d && LinuxTree.isTreeName(d.name())) {
            linux.delete(kernel, d.name().substring(LinuxTree.PREFIX.length()));
        } else if (e instanceof Event.FileWritten w) {
            files.put(w.name(), w.text());
            writeRoot(1, w.name(), w.text().getBytes(StandardCharsets.UTF_8));
        } else if (e instanceof Event.FileDeleted d) {
            files.remove(d.name());
            kernel.unlink(1, "/root/" + d.name());
        } else if (e instanceof Event.Built) {
            BuildResult r = make(1);
            if (out != null) {
                out[0] = r;
            }
        } else if (e instanceof Event.Executed x) {
            clock.startReplay(x.interruptAfterNanos());
            try {
                Shell.Result r = runOnKernel(x.command());
                if (out != null) {
                    out[0] = r;
                }
            } finally {
                clock.stop();
            }
        } else if (e instanceof Event.Signalled sig) {
            Shell.Result r = shell.signalForeground(sig.signal());
            if (signalled != null) {
                signalled[0] = r;
            }
            if (out != null) {
                out[0] = r;
            }
        } else if (e instanceof Event.Typed t) {
            Shell.Result r = shell.typed(t.text());
            if (out != null) {
                out[0] = r;
            }
        } else if (e instanceof Event.TimePassed t) {
            kernel.advanceTime(t.nanos());
            boolean[] resumed = {false};
            String late = shell.lateOutput(resumed);
            boolean active = resumed[0] || !late.isEmpty();
            if (!late.isEmpty()) {
                if (out != null) {
                    out[0] = new Shell.Result(null, late, false, false, null, shell.cwd());
                }
                if (muted == null) {
                    for (Consumer<String> l : terminalListeners) {
                        l.accept(late);
                    }
                }
            }
            shell.reapStuck();
            record(e);
            tickActive = active;
            return;
        } else if (e instanceof Event.Rebooted r) {
            if (r.cmdline() != null) {
                bootParams = dev.kplay.kernel.BootParams.parse(r.cmdline());
            }
            linux.chooseStock(r.stock());
            boot();
        } else if (e instanceof Event.Booted) {
            throw new IllegalStateException("Booted is only ever the first event of a log");
        }
        shell.reapStuck();
        record(e);
    }

    private void record(Event e) {
        if (e instanceof Event.TimePassed t && events.size() > journaled && !tickActive
                && events.get(events.size() - 1) instanceof Event.TimePassed last && kernel.idle()) {
            // Idle time after idle time is one stretch of idle time: replaying the sum fires the same timers at
            // the same instants, since no task was running in between to use the two stretches differently.
            // A stretch already in the journal is not changed (the store only appends): a new one starts.
            events.set(events.size() - 1, new Event.TimePassed(last.nanos() + t.nanos()));
            return;
        }
        if (e instanceof Event.TimePassed) {
            idleStretchSince = wallNanos.getAsLong();
        }
        if (events.size() >= limits.maxEvents()) {
            throw new SessionException(SessionException.Kind.UNAVAILABLE,
                    "this session's history is full (" + limits.maxEvents() + " steps); start a new session");
        }
        events.add(e);
    }

    /**
     * Back to the state of a new session before its first boot, as a replay starts from: every
     * piece of state the event log rebuilds (keep in step with the fields above). Not reset, on
     * purpose: the journal's position (the replay re-adds the same events), the build-time budget
     * and CPU used (wall-time accounting, not history), the deferred command being redone and its
     * held records (the caller's), the clock (it paces the replay), the listeners, and how
     * commands read stdin (runAsScript: a setting, not history).
     */
    private void forget() {
        unsubscribeKernel();
        if (shell != null) {
            shell.shutdown();               // its background jobs end with their kernel, as boot() does
            shell = null;
        }
        signalled = null;
        tickActive = false;                 // a new session's first idle stretch may coalesce
        kernel.release();
        kernel = null;
        files.clear();
        modules.clear();
        events.clear();
        boots = 0;
        linux = new LinuxTree();
        bootParams = dev.kplay.kernel.BootParams.NONE;
        tickActive = false;
    }

    /** Models start_kernel() for this session: a fresh kernel, its shell, the files in /root. */
    private void boot() {
        unsubscribeKernel();
        if (shell != null) {
            shell.shutdown();               // the old shell's background jobs end with their kernel
        }
        if (kernel != null) {
            linux.sync(kernel);                     // ~/linux is on disk: shell edits survive the reboot
            kernel.release();
        }
        kernel = Kernel.boot(KernelConfig.defaults(), budget, linux.bootImage(), bootParams);
        kernel.setPacer(clock::pace);
        boots++;
        kernelSubscription = kernel.log().subscribe(this::publish);
        for (LogRecord r : kernel.log().records()) {
            publish(r);
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            writeRoot(1, f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> m : modules.entrySet()) {
            writeRoot(1, m.getKey(), m.getValue());
        }
        linux.seed(kernel);
        shell = new Shell(kernel, clock::sleep, Map.of("make", (Command) p -> {
            if (p.cwd().equals(LinuxTree.ROOT) || p.cwd().startsWith(LinuxTree.ROOT + "/")) {
                return linux.make(kernel, p, p.args());
            }
            BuildResult r = make(p.pid());
            p.print(r.output());
            return r.ok() ? 0 : 2;
        }));
        shell.stdinIsTerminal(!scriptStdin);
    }

    /** A new kernel log record: to the listeners, or held for a deferred command, or muted. */
    private void publish(LogRecord r) {
        if (muted != null) {
            muted.add(r);
        } else if (deferring) {
            held.hold(r, clock.debt());
        } else {
            send(r);
        }
    }

    /** Hands a record to every log listener (a listener that throws is dropped). */
    private void send(LogRecord r) {
        for (Consumer<LogRecord> l : logListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                logListeners.remove(l);
            }
        }
    }

    private void unsubscribeKernel() {
        if (kernelSubscription != null) {
            try {
                kernelSubscription.close();
            } catch (Exception ignored) {
                // closing a list subscription cannot fail
            }
            kernelSubscription = null;
        }
    }

    /** Runs the toolchain and installs each X.ko into /root as process {@code pid}. */
    private BuildResult make(int pid) {
        BuildResult r = toolchain.build(new TreeMap<>(files));
        for (Map.Entry<String, ModuleImage> a : new TreeMap<>(r.artifacts()).entrySet()) {
            byte[] bytes = a.getKey().endsWith(".ko") ? KoFile.encode(a.getValue())
                    : dev.kplay.ko.ExecFile.encode(a.getValue());
            modules.put(a.getKey(), bytes);
            writeRoot(pid, a.getKey(), bytes);
        }
        return r;
    }

    private void writeRoot(int pid, String name, byte[] data) {
        long fd = kernel.open(pid, "/root/" + name, 01 | 0100 | 01000,
                dev.kplay.ko.ExecFile.isExecutable(data) ? 0755 : 0644);
        if (fd < 0) {
            return;
        }
        kernel.write(pid, (int) fd, data);
        kernel.close(pid, (int) fd);
    }

    /**
     * While the page is open, time follows the wall clock even between requests: a timer module
     * ticks in the live dmesg pane. Does nothing if a request holds the session (it moves time itself).
     */
    public void passTime() {
        if (!limits.followWallClock() || !lock.tryLock()) {
            return;
        }
        try {
            if (!closed) {
                catchUp();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Idle wall time since the last request passes in the kernel (interactive sessions only). */
    private void catchUp() {
        long now = wallNanos.getAsLong();
        if (deferredTail) {
            return;     // a deferred command's wall time is still passing: it is its time, not idle time
        }
        if (!limits.followWallClock()) {
            lastWall = now;
            return;
        }
        long idle = now - lastWall;
        if (idle >= MIN_IDLE_NANOS) {
            apply(new Event.TimePassed(idle));
            lastWall = now;
        }
    }

    private interface Body<T> {
        T run();
    }

    private <T> T locked(Body<T> body) {
        lock.lock();
        try {
            if (closed) {
                throw new SessionException(SessionException.Kind.NOT_FOUND, "no such session: " + id);
            }
            long now = wallNanos.getAsLong();
            long cpu0 = CPU.getCurrentThreadCpuTime();
            int before = events.size();
            catchUp();
            int afterCatchUp = events.size();
            try {
                T result = body.run();
                lastWall = wallNanos.getAsLong();
                return result;
            } finally {
                if (events.size() > afterCatchUp || before == 0) {
                    lastUsedNanos = now;
                }
                cpuNanos += Math.max(0, CPU.getCurrentThreadCpuTime() - cpu0);
                flushJournal();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- the journal ------------------------------------------------------------------------------

    /** Where a session's new events go as they are logged (the store), so it can be rebuilt by replay. */
    public interface Journal {
        /** Appends {@code events} numbered from {@code firstSeq}; throws if that number is taken. */
        void append(String sessionId, int firstSeq, List<Event> events);
    }

    /** From now on new events also go to {@code journal}; the first {@code already} are there. */
    public void journalTo(Journal journal, int already) {
        lock.lock();
        try {
            this.journal = journal;
            this.journaled = already;
            flushJournal();
        } finally {
            lock.unlock();
        }
    }

    /** Server CPU time this session's requests have used since this copy was built. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** Events this session has written to its journal (all of them after each request). */
    public int journaled() {
        return journaled;
    }

    /** Whether another node wrote this session's log since this copy last did (the copy is stale). */
    public boolean stale() {
        return stale;
    }

    /**
     * How long a stretch of idle time at the end of the log may keep growing before it goes to the
     * journal as it is (a page left open on a ticking timer then stores one row a minute).
     */
    static final long IDLE_STRETCH_NANOS = 60_000_000_000L;

    /** Wall time at which the idle stretch at the end of the log began. */
    private long idleStretchSince;

    private void flushJournal() {
        flushJournal(false);
    }

    /**
     * Appends the new events to the journal: all of them if {@code all}, else all but an idle
     * stretch at the end that is still young (it may grow; see IDLE_STRETCH_NANOS) and a deferred
     * command not yet delivered.
     */
    private void flushJournal(boolean all) {
        int upTo = events.size() - (deferredTail ? 1 : 0);
        if (!all && !deferredTail && upTo > journaled && events.get(upTo - 1) instanceof Event.TimePassed
                && wallNanos.getAsLong() - idleStretchSince < IDLE_STRETCH_NANOS) {
            upTo--;
        }
        if (journal == null || upTo <= journaled) {
            return;
        }
        try {
            journal.append(id, journaled, List.copyOf(events.subList(journaled, upTo)));
            journaled = upTo;
        } catch (IllegalStateException e) {
            stale = true;
            throw new SessionException(SessionException.Kind.UNAVAILABLE,
                    "this session was changed on another node; retry to continue there");
        }
    }
}
