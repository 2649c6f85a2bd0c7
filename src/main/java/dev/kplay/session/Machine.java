package dev.kplay.session;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Vmlinux;
import dev.kplay.kernel.BootParams;
import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelConfig;
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
import java.util.function.LongSupplier;

/*
 * The event machine under a session: everything the event log rebuilds (the source files, the
 * modules built from them, ~/linux, the booted kernel and its shell) and apply(), the one place
 * an event is performed and logged. The kernel is a pure function of the log, so replay and a
 * Ctrl-C that redoes a deferred command both come down to forget(), boot() and apply() again.
 * Session is the facade in front of it: requests, limits, the lock, wall time and the journal.
 * Every method here runs with the session's lock held.
 */

/** A session's state that the event log rebuilds, and the events that change it. */
final class Machine {
    private final Toolchain toolchain;
    private final SessionLimits limits;
    private final LongSupplier wallNanos;
    /** The server's kernel memory, shared with every other session. */
    private final PageBudget budget;
    private final LogStreams streams;
    private final JournalWriter journal;
    final TreeMap<String, String> files = new TreeMap<>();
    final TreeMap<String, byte[]> modules = new TreeMap<>();
    /** ~/linux: the kernel tree and the kernels built from it. */
    LinuxTree linux = new LinuxTree();
    final List<Event> events = new ArrayList<>();
    /** The last idle stretch let a job run or print: the next one is not added to it (see record()). */
    private boolean tickActive;
    /** Commands read stdin at end of file, as a script's do, instead of waiting for typed input. */
    boolean scriptStdin;
    Kernel kernel;
    /** The parameters appended to the kernel command line at each boot (Booted, Rebooted with a cmdline). */
    BootParams bootParams;
    Shell shell;
    private AutoCloseable kernelSubscription;
    int boots;
    /** Where apply(Signalled) leaves its result for signal(). */
    Shell.Result[] signalled;
    /** The running command's sleeping clock (Ctrl-C reaches it without the lock). */
    final CommandClock clock;
    /**
     * Called at each tick of the kernel's virtual clock while the server's scheduler runs a job of
     * this session (SessionScheduler's time slices): it may pause this thread, which nothing in
     * the kernel can see. Null otherwise.
     */
    volatile Runnable preemptPoint;
    /** The preemption point as the kernel's clock and the compiler (CpuLimit) reach it: for this machine's life. */
    final Runnable slicePoint = () -> {
        Runnable p = preemptPoint;
        if (p != null) {
            p.run();
        }
    };

    Machine(Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos, PageBudget budget, BootParams bootParams,
            LogStreams streams, JournalWriter journal) {
        this.bootParams = bootParams;
        this.budget = budget;
        this.toolchain = files -> dev.kplay.cc.gcc.ProgramBuild.build(toolchain::build, files);   // user programs: gcc
        this.limits = limits;
        this.wallNanos = wallNanos;
        this.streams = streams;
        this.journal = journal;
        this.clock = new CommandClock(wallNanos, nanos -> {
            kernel.advanceTime(nanos);
            if (kernel.panicked()) {
                throw new Halted(kernel.panicState().message());
            }
        });
    }

    /** A scenario's files, then its command lines, at full speed; 400 or 413 for a bad file. */
    void runScenario(Scenario scenario) {
        scenario.files().forEach((name, text) -> {
            CommandLines.checkName(name);
            if (text.getBytes(StandardCharsets.UTF_8).length > limits.maxSourceBytes()) {
                throw new SessionException(SessionException.Kind.TOO_LARGE, name + ": file too large (the limit is "
                        + limits.maxSourceBytes() + " bytes)");
            }
            apply(new Event.FileWritten(name, text));
        });
        for (String c : scenario.commands()) {
            apply(new Event.Executed(c, -1));
        }
    }

    /** Writes a source file (FileWritten); 400 if it is a new one past the session's file limit. */
    void writeFile(String name, String text) {
        boolean known = LinuxTree.isTreeName(name) ? linux.has(name.substring(LinuxTree.PREFIX.length()))
                : files.containsKey(name);
        int count = LinuxTree.isTreeName(name) ? linux.size() - Vmlinux.FILES.size() : files.size();
        if (!known && count >= limits.maxFiles()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST,
                    "too many files (the limit is " + limits.maxFiles() + ")");
        }
        apply(new Event.FileWritten(name, text));
    }

    /** Deletes a source file, or {@code path} in ~/linux if {@code tree} (FileDeleted); 404 if there is none. */
    void deleteFile(String name, boolean tree, String path) {
        if (tree ? !linux.has(path) : !files.containsKey(name)) {
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such file: " + name);
        }
        apply(new Event.FileDeleted(name));
    }

    /** The source file names, sorted, then those of ~/linux. */
    List<String> fileNames() {
        List<String> names = new ArrayList<>(files.keySet());
        names.addAll(linux.names());
        return names;
    }

    /** A source file's text, or {@code path}'s in ~/linux if {@code tree}; 404 if there is none. */
    String readFile(String name, boolean tree, String path) {
        String t = tree ? linux.read(kernel, path) : files.get(name);
        if (t == null) {
            throw new SessionException(SessionException.Kind.NOT_FOUND, "no such file: " + name);
        }
        return t;
    }

    /** A regular file in /root as the kernel holds it, read without a syscall; 404 if there is none. */
    byte[] rootFile(String name) {
        if (kernel.vfs().lookup("/root/" + name) instanceof dev.kplay.kernel.fs.RegularFile f) {
            return f.contents();
        }
        throw new SessionException(SessionException.Kind.NOT_FOUND, "no such file in /root: " + name);
    }

    /** The whole log ring in the console format, one record per line. */
    String dmesg() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : kernel.log().records()) {
            for (String line : r.text().split("\n", -1)) {
                b.append(LogRecord.timestamp(r.tsNanos())).append(' ').append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** Performs each event of {@code log} in turn, telling {@code observer} (if not null) what each did. */
    void replay(List<Event> log, java.util.function.Consumer<Session.Replayed> observer) {
        List<LogRecord> added = new ArrayList<>();
        java.util.function.Consumer<LogRecord> collect = added::add;
        try {
            if (observer != null) {
                observer.accept(new Session.Replayed(null, null, null, kernel.log().records()));
                streams.addLogListener(collect);
            }
            for (Event e : log) {
                Object[] out = {null};
                apply(e, out);
                if (observer != null) {
                    observer.accept(new Session.Replayed(e, out[0] instanceof Shell.Result r ? r : null,
                            out[0] instanceof BuildResult b ? b : null, List.copyOf(added)));
                    added.clear();
                }
            }
        } finally {
            streams.removeLogListener(collect);
        }
    }

    /**
     * Rebuilds the machine from {@code log} with its records muted, then performs {@code last}
     * (a deferred command redone with its Ctrl-C); returns the records {@code last} logged.
     */
    List<LogRecord> redo(List<Event> log, Event last, Object[] out) {
        streams.muted = new ArrayList<>();
        try {
            forget();
            if (!log.isEmpty() && log.get(0) instanceof Event.Booted b) {
                bootParams = CommandLines.bootParams(b.cmdline());     // as the constructor starts a session booted with one
                events.add(b);
                log = log.subList(1, log.size());
            }
            boot();
            for (Event e : log) {
                apply(e);
            }
            streams.muted.clear();
            apply(last, out);
            return streams.muted;
        } finally {
            streams.muted = null;
        }
    }

    void apply(Event e) {
        apply(e, null);
    }

    /** Performs one event and logs it; builds and commands put their result in {@code out[0]}. */
    void apply(Event e, Object[] out) {
        if (kernel != null) {
            kernel.beginRequest();
        }
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
                streams.terminal(late);
            }
            shell.reapStuck();
            record(e);
            tickActive = active;
            return;
        } else if (e instanceof Event.Rebooted r) {
            if (r.cmdline() != null) {
                bootParams = BootParams.parse(r.cmdline());
            }
            linux.chooseStock(r.stock());
            boot();
        } else if (e instanceof Event.Booted) {
            throw new IllegalStateException("Booted is only ever the first event of a log");
        }
        shell.reapStuck();
        record(e);
    }

    /** Appends e to the event log (idle time after idle time is one stretch); 503 when the log is full. */
    void record(Event e) {
        if (e instanceof Event.TimePassed t && events.size() > journal.journaled() && !tickActive
                && events.get(events.size() - 1) instanceof Event.TimePassed last
                && kernel.idleStretchesAdd(last.nanos() + t.nanos())) {
            // Idle time after idle time is one stretch of idle time: replaying the sum fires the same timers at
            // the same instants, since no task was running in between to use the two stretches differently.
            // A stretch already in the journal is not changed (the store only appends): a new one starts.
            events.set(events.size() - 1, new Event.TimePassed(last.nanos() + t.nanos()));
            return;
        }
        if (e instanceof Event.TimePassed) {
            journal.idleStretchFrom(wallNanos.getAsLong());
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
    void forget() {
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
        bootParams = BootParams.NONE;
        tickActive = false;
    }

    /** Models start_kernel() for this session: a fresh kernel, its shell, the files in /root. */
    void boot() {
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
        kernel.clock().onTick(jiffies -> slicePoint.run());
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
        kernel.memory().freezeBootPages();          // the pages the files and the shell wrote: shared until written
    }

    /** A new kernel log record: to the listeners, or held for a deferred command, or muted. */
    private void publish(LogRecord r) {
        streams.publish(r, clock::debt);
    }

    void unsubscribeKernel() {
        if (kernelSubscription != null) {
            try {
                kernelSubscription.close();
            } catch (Exception ignored) {
                // closing a list subscription cannot fail
            }
            kernelSubscription = null;
        }
    }

    /**
     * The shell runs the line; if the kernel panics under it, the line never finishes: it comes
     * back as still running, with no output, as a frozen terminal shows it.
     */
    Shell.Result runOnKernel(String command) {
        Shell.Result r;
        kernel.beginRequest();
        try {
            r = shell.run(command);
        } catch (Halted h) {
            r = null;
        }
        return r == null || kernel.panicked() ? new Shell.Result(null, "", false, true, null, "/root") : r;
    }

    /** After a panic nothing runs on the machine until it reboots: say so instead of doing nothing. */
    void refuseIfPanicked() {
        if (kernel.panicked()) {
            throw new SessionException(SessionException.Kind.HALTED, "the kernel panicked (Kernel panic - not syncing: "
                    + kernel.panicState().message() + "); nothing runs until you reboot");
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
}
