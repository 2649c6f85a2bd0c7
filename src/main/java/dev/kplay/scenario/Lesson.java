package dev.kplay.scenario;

import dev.kplay.session.SessionException;
import dev.kplay.session.SessionException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/*
 * A lesson: Markdown with steps, each with instructions, starting files, a model solution and
 * checkpoints on what the session shows (the format is in the README, "Lessons"; the page's
 * frontend/src/lesson.ts reads the same). The page turns a step green when its checkpoints hold;
 * LessonTest replays every built-in lesson's model solution and requires each step's checkpoints
 * to hold after it, and not before.
 */

/** A parsed lesson. */
public record Lesson(String title, String intro, List<Step> steps) {

    /** One checkpoint: {@code kind} is dmesg, output, command (a regex on it) or exit (a status). */
    public record Check(String kind, Pattern pattern, int status) {
        /** Whether it holds for the kernel log and the last command (null if none ran yet). */
        public boolean holds(String dmesg, String command, String output, Integer exitCode) {
            return switch (kind) {
                case "dmesg" -> pattern.matcher(dmesg).find();
                case "output" -> command != null && pattern.matcher(output).find();
                case "command" -> command != null && pattern.matcher(command).find();
                case "exit" -> exitCode != null && exitCode == status;
                default -> throw new IllegalStateException("check kind " + kind);
            };
        }
    }

    /** A step: its title and instructions, starting files, the model solution's files and commands, checkpoints. */
    public record Step(String title, String text, Map<String, String> files, Map<String, String> solution,
                       List<String> run, List<Check> checks) {}

    private static final Pattern FENCE = Pattern.compile("^```(\\w+)(?:\\s+(\\S+))?\\s*$");
    private static final Pattern CHECK = Pattern.compile("^\\s*(dmesg|output|command|exit):\\s*(.*?)\\s*$");

    /** Parses a lesson; 400 with the line number if it is malformed. */
    public static Lesson parse(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        String title = null;
        List<String> intro = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        List<String> text = intro;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FENCE.matcher(line);
            if (f.matches() && List.of("file", "solution", "run", "check").contains(f.group(1))) {
                int start = i + 1;
                List<String> body = new ArrayList<>();
                for (i++; i < lines.length && !lines[i].equals("```"); i++) {
                    body.add(lines[i]);
                }
                if (i >= lines.length) {
                    throw bad(start, "unclosed ```" + f.group(1) + " block");
                }
                if (steps.isEmpty()) {
                    throw bad(start, "a ```" + f.group(1) + " block before the first \"## \" step");
                }
                Step step = steps.get(steps.size() - 1);
                switch (f.group(1)) {
                    case "file", "solution" -> {
                        if (f.group(2) == null) {
                            throw bad(start, "```" + f.group(1) + " needs a file name");
                        }
                        (f.group(1).equals("file") ? step.files() : step.solution()).put(f.group(2), String.join("\n", body) + "\n");
                    }
                    case "run" -> body.stream().filter(l -> !l.isBlank()).forEach(step.run()::add);
                    default -> {
                        for (int k = 0; k < body.size(); k++) {
                            if (!body.get(k).isBlank()) {
                                step.checks().add(check(body.get(k), start + k + 1));
                            }
                        }
                    }
                }
            } else if (line.startsWith("# ") && title == null && steps.isEmpty()) {
                title = line.substring(2).trim();
            } else if (line.startsWith("## ")) {
                text = new ArrayList<>();
                texts.add(text);
                steps.add(new Step(line.substring(3).trim(), null, new LinkedHashMap<>(), new LinkedHashMap<>(),
                        new ArrayList<>(), new ArrayList<>()));
            } else {
                text.add(line);
            }
        }
        if (title == null) {
            throw bad(1, "a lesson starts with \"# Title\"");
        }
        if (steps.isEmpty()) {
            throw bad(1, "a lesson has at least one \"## \" step");
        }
        List<Step> done = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            Step s = steps.get(k);
            done.add(new Step(s.title(), String.join("\n", texts.get(k)).strip(), s.files(), s.solution(), s.run(), s.checks()));
        }
        return new Lesson(title, String.join("\n", intro).strip(), done);
    }

    private static Check check(String line, int at) {
        Matcher m = CHECK.matcher(line);
        if (!m.matches()) {
            throw bad(at, "a check is \"dmesg: REGEX\", \"output: REGEX\", \"command: REGEX\" or \"exit: N\"");
        }
        if (m.group(1).equals("exit")) {
            if (!m.group(2).matches("\\d{1,3}")) {
                throw bad(at, "\"exit:\" takes a number");
            }
            return new Check("exit", null, Integer.parseInt(m.group(2)));
        }
        try {
            return new Check(m.group(1), Pattern.compile(m.group(2), Pattern.MULTILINE), -1);
        } catch (PatternSyntaxException e) {
            throw bad(at, "bad regular expression: " + e.getDescription());
        }
    }

    private static SessionException bad(int line, String message) {
        return new SessionException(Kind.BAD_REQUEST, "lesson line " + line + ": " + message);
    }
}
