package dev.kplay.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real kernel's output for one oracle case ({@code === build}, {@code === run}, {@code === dmesg}
 * sections, as /work/shared/oracle/run prints them), split into what the golden tests compare.
 */
record OracleOutput(List<String> build, List<Command> run, List<String> dmesg) {

    /** One script line as the real shell ran it: its output lines and exit status. */
    record Command(String line, List<String> output, int exit) {}

    static OracleOutput parse(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n", -1)) {
            Matcher m = Pattern.compile("^=== (build|run|dmesg)$").matcher(line);
            if (m.matches()) {
                current = new ArrayList<>();
                sections.put(m.group(1), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        List<Command> cmds = new ArrayList<>();
        for (String line : sections.getOrDefault("run", List.of())) {
            if (line.startsWith("$ ")) {
                cmds.add(new Command(line.substring(2), new ArrayList<>(), 0));
            } else if (!cmds.isEmpty()) {
                Command last = cmds.get(cmds.size() - 1);
                Matcher m = Pattern.compile("^\\[exit (\\d+)\\]$").matcher(line);
                if (m.matches()) {
                    cmds.set(cmds.size() - 1, new Command(last.line(), last.output(), Integer.parseInt(m.group(1))));
                } else if (!line.startsWith("[oracle]")) {
                    last.output().add(line);
                }
            }
        }
        List<String> dmesg = sections.getOrDefault("dmesg", List.of());
        return new OracleOutput(sections.getOrDefault("build", List.of()), cmds, dmesg);
    }

    /** Did the real build fail (make printed "***" or "Error N")? */
    boolean buildFailed() {
        return build.stream().anyMatch(l -> l.contains("***") || l.matches(".*Error \\d.*"));
    }

    /** The gcc/modpost diagnostic lines of the build, normalised. */
    static List<String> diagnosticLines(List<String> lines) {
        List<String> keep = new ArrayList<>();
        for (String l : lines) {
            if (Pattern.compile("(WARNING:|ERROR:|error:|warning:)").matcher(l).find()
                    && !l.contains("Makefile") && !l.contains("cc1:")) {
                keep.add(Normalizer.norm(l.replace('‘', '\'').replace('’', '\'')));
            }
        }
        return keep;
    }

    /** The kernel's log after user space started, minus what no simulator must reproduce. */
    static List<String> postBoot(List<String> lines) {
        int idx = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Run /init as init process")) {
                idx = i + 1;
            }
        }
        List<String> keep = new ArrayList<>();
        for (String l : lines.subList(idx, lines.size())) {
            String body = l.replaceFirst("^\\[\\s*\\d+\\.\\d+\\]\\s*", "").trim();
            if (body.isEmpty() || Normalizer.NOISE.matcher(body).find() || body.startsWith("? ")
                    || body.startsWith("RIP: 0033")) {
                continue;
            }
            keep.add(Normalizer.norm(l));
        }
        return keep;
    }
}
