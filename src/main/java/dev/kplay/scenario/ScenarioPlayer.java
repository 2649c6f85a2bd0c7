package dev.kplay.scenario;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.scenario.Scenario.Step;
import dev.kplay.session.Event;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.session.SessionRegistry;
import dev.kplay.session.Toolchain;
import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/*
 * Scenarios in and out of sessions. A scenario maps one to one onto a session's event log
 * (files and steps become FileWritten, Built, Executed, TimePassed... events), so playing one is
 * Session.replay at full speed, and recording one is reading the log back and replaying it in a
 * throwaway session to learn what each step printed. A play compares every recorded output and
 * the final dmesg with what this kplay produced: a scenario that no longer replays the same says
 * so, step by step, instead of quietly showing something else.
 */

/** Plays scenarios into sessions and records sessions as scenarios. */
public final class ScenarioPlayer {
    private final Toolchain toolchain;
    private final SessionLimits limits;
    private final LongSupplier wallNanos;

    public ScenarioPlayer(Toolchain toolchain, SessionLimits limits, LongSupplier wallNanos) {
        this.toolchain = toolchain;
        this.limits = limits;
        this.wallNanos = wallNanos;
    }

    /**
     * What a step did in a replay; {@code step} is null for the boot before the first step.
     * {@code records} are the kernel log records it added (after a reboot, the new boot's).
     */
    public record Frame(Step step, Shell.Result result, BuildResult build, List<LogRecord> records) {
        /** What the step printed to the terminal, or null for steps that print nothing. */
        public String output() {
            return result != null ? result.output() : build != null ? build.output() : null;
        }
    }

    /** A recorded value this replay did not reproduce; {@code step} is 1-based, 0 for the final dmesg. */
    public record Difference(int step, String what, String expected, String actual) {}

    /**
     * A finished replay.
     *
     * @param identical   true if everything recorded was reproduced, false if not, null if nothing was recorded
     */
    public record Replay(Session session, List<Frame> frames, Boolean identical, List<Difference> differences) {}

    /** Plays a scenario into a new session of {@code registry} (it then lives on as any session). */
    public Replay play(SessionRegistry registry, Scenario scenario) {
        List<Frame> frames = new ArrayList<>();
        List<Step> steps = allSteps(scenario);
        Session s = registry.replay(events(scenario), r -> frames.add(frame(steps, frames.size(), r)));
        return compare(scenario, s, frames);
    }

    /** Plays a scenario into a session of its own at full speed (for checks); close it after. */
    public Replay playAlone(Scenario scenario) {
        List<Frame> frames = new ArrayList<>();
        List<Step> steps = allSteps(scenario);
        Session s = Session.replay("replay", events(scenario), toolchain, limits.fastForward(), wallNanos,
                r -> frames.add(frame(steps, frames.size(), r)));
        return compare(scenario, s, frames);
    }

    /** The scenario of an event log, with what each step printed and the final dmesg. */
    public Scenario record(List<Event> log, String title, String description) {
        Scenario bare = fromEvents(log, title, description);
        Replay r = playAlone(bare);
        try {
            List<Step> steps = new ArrayList<>();
            int fileSteps = bare.files().size();
            for (int i = 0; i < bare.steps().size(); i++) {
                steps.add(withOutput(bare.steps().get(i), r.frames().get(1 + fileSteps + i)));
            }
            return new Scenario(title, description, bare.files(), steps, r.session().dmesg(), bare.cmdline());
        } finally {
            r.session().close();
        }
    }

    /** The scenario of an event log, without outputs: leading file writes become its files. */
    public static Scenario fromEvents(List<Event> log, String title, String description) {
        Map<String, String> files = new LinkedHashMap<>();
        int i = 0;
        String cmdline = "";
        if (!log.isEmpty() && log.get(0) instanceof Event.Booted b) {
            cmdline = b.cmdline();
            i++;
        }
        while (i < log.size() && log.get(i) instanceof Event.FileWritten w && !files.containsKey(w.name())) {
            files.put(w.name(), w.text());
            i++;
        }
        List<Step> steps = new ArrayList<>();
        for (Event e : log.subList(i, log.size())) {
            steps.add(step(e));
        }
        return new Scenario(title, description, files, steps, null, cmdline);
    }

    /** The event log a scenario stands for. */
    public static List<Event> events(Scenario s) {
        List<Event> log = new ArrayList<>();
        if (!s.cmdline().isEmpty()) {
            log.add(new Event.Booted(s.cmdline()));
        }
        s.files().forEach((name, text) -> log.add(new Event.FileWritten(name, text)));
        for (Step st : s.steps()) {
            log.add(event(st));
        }
        return log;
    }

    private static Step step(Event e) {
        if (e instanceof Event.FileWritten w) {
            return new Step.Write(w.name(), w.text());
        } else if (e instanceof Event.FileDeleted d) {
            return new Step.Delete(d.name());
        } else if (e instanceof Event.Built) {
            return new Step.Build(null, null);
        } else if (e instanceof Event.Executed x) {
            return new Step.Exec(x.command(), x.interruptAfterNanos(), null, null);
        } else if (e instanceof Event.Signalled g) {
            return new Step.Signal(g.signal(), null, null);
        } else if (e instanceof Event.Typed t) {
            return new Step.Input(t.text(), null, null);
        } else if (e instanceof Event.TimePassed t) {
            return new Step.Wait(t.nanos());
        } else if (e instanceof Event.Rebooted r) {
            return new Step.Reboot(r.stock(), r.cmdline());
        }
        throw new IllegalStateException("no scenario step for event " + e);
    }

    private static Event event(Step st) {
        if (st instanceof Step.Write w) {
            return new Event.FileWritten(w.name(), w.text());
        } else if (st instanceof Step.Delete d) {
            return new Event.FileDeleted(d.name());
        } else if (st instanceof Step.Build) {
            return new Event.Built();
        } else if (st instanceof Step.Exec x) {
            return new Event.Executed(x.command(), x.interruptAfterNanos());
        } else if (st instanceof Step.Signal g) {
            return new Event.Signalled(g.signal());
        } else if (st instanceof Step.Input t) {
            return new Event.Typed(t.text());
        } else if (st instanceof Step.Wait t) {
            return new Event.TimePassed(t.nanos());
        } else if (st instanceof Step.Reboot r) {
            return new Event.Rebooted(r.stock(), r.cmdline());
        }
        throw new IllegalStateException("no event for step " + st);
    }

    /** The files as write steps followed by the steps: one per replayed event. */
    private static List<Step> allSteps(Scenario s) {
        List<Step> all = new ArrayList<>();
        s.files().forEach((name, text) -> all.add(new Step.Write(name, text)));
        all.addAll(s.steps());
        return all;
    }

    private static Frame frame(List<Step> steps, int index, Session.Replayed r) {
        Step st = index == 0 ? null : steps.get(index - 1);
        return new Frame(st, r.result(), r.build(), r.records());
    }

    private static Step withOutput(Step st, Frame f) {
        if (st instanceof Step.Build && f.build() != null) {
            return new Step.Build(f.build().output(), f.build().ok());
        } else if (st instanceof Step.Exec x && f.result() != null) {
            String cwd = f.result().cwd();
            return new Step.Exec(x.command(), x.interruptAfterNanos(), f.result().output(), f.result().exitCode(),
                    cwd == null || cwd.equals("/root") ? null : cwd);
        } else if (st instanceof Step.Signal g && f.result() != null) {
            return new Step.Signal(g.signal(), f.result().output(), f.result().exitCode());
        } else if (st instanceof Step.Input t && f.result() != null) {
            return new Step.Input(t.text(), f.result().output(), f.result().exitCode());
        } else if (st instanceof Step.Wait w && f.result() != null && !f.result().output().isEmpty()) {
            return new Step.Wait(w.nanos(), f.result().output());
        }
        return st;
    }

    private static Replay compare(Scenario scenario, Session s, List<Frame> frames) {
        List<Difference> diffs = new ArrayList<>();
        boolean recorded = false;
        int fileSteps = scenario.files().size();
        for (int i = 0; i < scenario.steps().size(); i++) {
            Step st = scenario.steps().get(i);
            Frame f = frames.get(1 + fileSteps + i);
            String expected = null;
            Integer expectedExit = null;
            if (st instanceof Step.Build b) {
                expected = b.output();
            } else if (st instanceof Step.Exec x) {
                expected = x.output();
                expectedExit = x.exitCode();
            } else if (st instanceof Step.Signal g) {
                expected = g.output();
                expectedExit = g.exitCode();
            } else if (st instanceof Step.Input t) {
                expected = t.output();
                expectedExit = t.exitCode();
            } else if (st instanceof Step.Wait w) {
                expected = w.output();
            }
            if (expected != null) {
                recorded = true;
                if (!expected.equals(f.output())) {
                    diffs.add(new Difference(i + 1, "output", expected, f.output()));
                }
            }
            if (expectedExit != null) {
                recorded = true;
                Integer actual = f.result() == null ? null : f.result().exitCode();
                if (!Objects.equals(expectedExit, actual)) {
                    diffs.add(new Difference(i + 1, "exitCode", String.valueOf(expectedExit), String.valueOf(actual)));
                }
            }
        }
        if (scenario.dmesg() != null) {
            recorded = true;
            String actual = s.dmesg();
            if (!scenario.dmesg().equals(actual)) {
                diffs.add(new Difference(0, "dmesg", scenario.dmesg(), actual));
            }
        }
        return new Replay(s, frames, recorded ? diffs.isEmpty() : null, diffs);
    }
}
