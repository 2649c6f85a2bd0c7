package dev.kplay.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in lesson (classpath:lessons/index.txt, at least eight) replayed with its model
 * solution in a fresh session: before a step's commands its checkpoints must not all hold yet,
 * after them they must, so a checkpoint that cannot fail, or a solution that does not pass, fails.
 */
class LessonTest {
    static String resource(String name) throws IOException {
        try (InputStream in = LessonTest.class.getResourceAsStream("/lessons/" + name)) {
            if (in == null) {
                throw new IOException("no lesson resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> index() throws IOException {
        return resource("index.txt").lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void thereAreAtLeastEightLessons() throws IOException {
        assertTrue(index().size() >= 8, index().toString());
    }

    @TestFactory
    Stream<DynamicTest> eachModelSolutionTurnsEveryStepGreen() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : index()) {
            tests.add(DynamicTest.dynamicTest(name, () -> replay(Lesson.parse(resource(name + ".md")))));
        }
        return tests.stream();
    }

    private static void replay(Lesson lesson) {
        Session s = new Session("lesson", Kbuild::build, SessionLimits.defaults().fastForward(), () -> 0L);
        String command = null;
        String output = "";
        Integer exit = null;
        for (Lesson.Step step : lesson.steps()) {
            assertFalse(step.checks().isEmpty(), step.title() + ": a step needs a checkpoint");
            assertFalse(step.run().isEmpty(), step.title() + ": a step needs a model solution");
            Map<String, String> files = new LinkedHashMap<>(step.files());
            files.putAll(step.solution());
            files.forEach(s::putFile);
            String before = s.dmesg();
            boolean doneBefore = allHold(step, before, command, output, exit);
            assertFalse(doneBefore, step.title() + ": its checkpoints hold before the step is done");
            for (String line : step.run()) {
                command = line;
                if (line.trim().equals("make")) {
                    BuildResult b = s.build();
                    output = b.output();
                    exit = b.ok() ? 0 : 2;
                } else {
                    Shell.Result r = s.exec(line, 60_000L);
                    output = r.output();
                    exit = r.exitCode();
                }
            }
            String dmesg = s.dmesg();
            for (Lesson.Check c : step.checks()) {
                assertTrue(c.holds(dmesg, command, output, exit), lesson.title() + " / " + step.title() + ": checkpoint "
                        + c.kind() + " " + (c.pattern() == null ? c.status() : c.pattern().pattern()) + " does not hold; last command "
                        + command + " exited " + exit + " with:\n" + output + "\ndmesg tail:\n" + tail(dmesg));
            }
        }
        s.close();
    }

    private static boolean allHold(Lesson.Step step, String dmesg, String command, String output, Integer exit) {
        return step.checks().stream().allMatch(c -> c.holds(dmesg, command, output, exit));
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }

    @Test
    void aMalformedLessonSaysWhere() {
        assertEquals("lesson line 1: a lesson starts with \"# Title\"",
                assertThrows(SessionException.class, () -> Lesson.parse("no title")).getMessage());
        assertTrue(assertThrows(SessionException.class, () -> Lesson.parse("# T\n## S\n```check\nfoo: x\n```\n"))
                .getMessage().startsWith("lesson line 4: a check is"));
        assertTrue(assertThrows(SessionException.class, () -> Lesson.parse("# T\n## S\n```check\ndmesg: (\n```\n"))
                .getMessage().startsWith("lesson line 4: bad regular expression"));
        assertTrue(assertThrows(SessionException.class, () -> Lesson.parse("# T\n## S\n```run\nmake\n"))
                .getMessage().contains("unclosed"));
        Lesson l = Lesson.parse("# T\nintro\n## One\ndo it\n```file a.c\nint x;\n```\n```run\nmake\n```\n```check\nexit: 0\n```\n");
        assertEquals("T", l.title());
        assertEquals("intro", l.intro());
        assertEquals("do it", l.steps().get(0).text());
        assertEquals(Map.of("a.c", "int x;\n"), l.steps().get(0).files());
        assertEquals(List.of("make"), l.steps().get(0).run());
    }
}
