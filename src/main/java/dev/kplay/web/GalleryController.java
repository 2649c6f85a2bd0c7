package dev.kplay.web;

import dev.kplay.scenario.Gallery;
import dev.kplay.scenario.ScenarioCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/*
 * The gallery of broken modules over HTTP: the list (id, title, explanation) and each entry's
 * recorded scenario, which the page replays like any link (POST /api/sessions {"scenario"}).
 */

/** GET /api/gallery and GET /api/gallery/{id}. */
@RestController
public class GalleryController {
    private final Gallery gallery;
    private final ScenarioCodec codec;

    public GalleryController(Gallery gallery, ScenarioCodec codec) {
        this.gallery = gallery;
        this.codec = codec;
    }

    @GetMapping("/api/gallery")
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Gallery.Entry e : gallery.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("title", e.title());
            m.put("description", e.description());
            out.add(m);
        }
        return out;
    }

    @GetMapping("/api/gallery/{id}")
    public Map<String, Object> entry(@PathVariable String id) {
        return codec.toTree(gallery.scenario(id));
    }
}
