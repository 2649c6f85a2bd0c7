package dev.kplay.scenario;

import dev.kplay.session.SessionException;
import dev.kplay.session.SessionException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/*
 * The built-in gallery of broken modules: classpath:gallery/gallery.json lists each entry (id,
 * title, an explanation naming the kernel mechanism and function, and the oracle case it is
 * built from), and gallery/ID.json is its recorded scenario. Every entry's module and commands
 * are an oracle case's (real Debian 6.1 output, see src/test/resources/golden), and GalleryTest
 * replays each one against what it recorded, so the gallery lists only what kplay reproduces.
 */

/** The built-in scenarios, by id, in gallery order. */
public final class Gallery {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One entry: what the list shows, and the oracle case it reproduces. */
    public record Entry(String id, String title, String description, String oracle) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ScenarioCodec codec;

    public Gallery(ScenarioCodec codec) {
        this.codec = codec;
        @SuppressWarnings("unchecked")
        List<Map<String, String>> list = JSON.readValue(resource("gallery.json"), List.class);
        for (Map<String, String> m : list) {
            entries.put(m.get("id"), new Entry(m.get("id"), m.get("title"), m.get("description"), m.get("oracle")));
        }
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The recorded scenario of entry {@code id}; 404 if there is none. */
    public Scenario scenario(String id) {
        if (!entries.containsKey(id)) {
            throw new SessionException(Kind.NOT_FOUND, "no such gallery entry: " + id);
        }
        return codec.read(resource(id + ".json"));
    }

    private static String resource(String name) {
        try (InputStream in = Gallery.class.getResourceAsStream("/gallery/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing gallery resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
