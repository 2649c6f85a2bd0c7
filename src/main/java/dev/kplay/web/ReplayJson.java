package dev.kplay.web;

import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.scenario.Scenario.Step;
import dev.kplay.scenario.ScenarioPlayer.Difference;
import dev.kplay.scenario.ScenarioPlayer.Frame;
import dev.kplay.scenario.ScenarioPlayer.Replay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * A replay as the page's timeline reads it: one frame for the boot, then one per step of the
 * scenario (its files first, as write steps), each with what it printed and the kernel log
 * records it added, in the kmsg stream's record format. With these the page shows the terminal
 * and dmesg after any step without asking the server again.
 */

/** The JSON of a replay's timeline and of its comparison with what the scenario recorded. */
final class ReplayJson {
    private ReplayJson() {}

    static Map<String, Object> of(Replay r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identical", r.identical());
        List<Map<String, Object>> diffs = new ArrayList<>();
        for (Difference d : r.differences()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("step", d.step());
            x.put("what", d.what());
            x.put("expected", d.expected());
            x.put("actual", d.actual());
            diffs.add(x);
        }
        m.put("differences", diffs);
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Frame f : r.frames()) {
            frames.add(frame(f));
        }
        m.put("frames", frames);
        return m;
    }

    private static Map<String, Object> frame(Frame f) {
        Map<String, Object> m = new LinkedHashMap<>();
        Step st = f.step();
        if (st == null) {
            m.put("type", "boot");
        } else if (st instanceof Step.Write w) {
            m.put("type", "write");
            m.put("name", w.name());
        } else if (st instanceof Step.Delete d) {
            m.put("type", "delete");
            m.put("name", d.name());
        } else if (st instanceof Step.Build) {
            m.put("type", "build");
        } else if (st instanceof Step.Exec x) {
            m.put("type", "exec");
            m.put("command", x.command());
        } else if (st instanceof Step.Signal g) {
            m.put("type", "signal");
            m.put("signal", g.signal());
        } else if (st instanceof Step.Wait t) {
            m.put("type", "wait");
            m.put("nanos", t.nanos());
        } else if (st instanceof Step.Input t) {
            m.put("type", "input");
            m.put("text", t.text());
        } else if (st instanceof Step.Reboot r) {
            m.put("type", "reboot");
            if (r.stock()) {
                m.put("kernel", "stock");
            }
            if (r.cmdline() != null) {
                m.put("cmdline", r.cmdline());
            }
        }
        if (f.build() != null) {
            m.put("output", f.build().output());
            m.put("ok", f.build().ok());
        }
        if (f.result() != null) {
            m.put("output", f.result().output());
            m.put("exitCode", f.result().exitCode());
            m.put("killed", f.result().killed());
            m.put("running", f.result().running());
            m.put("cwd", f.result().cwd());
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (LogRecord r : f.records()) {
            records.add(KmsgSocket.json(r));
        }
        m.put("records", records);
        return m;
    }
}
