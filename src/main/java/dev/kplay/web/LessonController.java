package dev.kplay.web;

import dev.kplay.scenario.Lesson;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/*
 * The built-in lessons (classpath:lessons/, listed in index.txt) as the page loads them: the list
 * and each lesson's Markdown. An author's own lesson is any URL the page can fetch (?lesson=URL).
 */

/** GET /api/lessons and GET /api/lessons/{id}. */
@RestController
public class LessonController {
    private final Map<String, String> lessons = new LinkedHashMap<>();

    public LessonController() {
        for (String id : resource("index.txt").lines().filter(l -> !l.isBlank()).toList()) {
            lessons.put(id, resource(id + ".md"));
        }
    }

    @GetMapping("/api/lessons")
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        lessons.forEach((id, text) -> out.add(Map.of("id", id, "title", Lesson.parse(text).title())));
        return out;
    }

    @GetMapping(value = "/api/lessons/{id}", produces = "text/markdown;charset=UTF-8")
    public String lesson(@PathVariable String id) {
        String text = lessons.get(id);
        if (text == null) {
            throw new SessionException(Kind.NOT_FOUND, "no such lesson: " + id);
        }
        return text;
    }

    private static String resource(String name) {
        try (InputStream in = LessonController.class.getResourceAsStream("/lessons/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing lesson resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
