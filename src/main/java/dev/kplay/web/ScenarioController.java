package dev.kplay.web;

import dev.kplay.scenario.Links;
import dev.kplay.scenario.Scenario;
import dev.kplay.scenario.ScenarioCodec;
import dev.kplay.scenario.ScenarioPlayer;
import dev.kplay.session.Event;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionException.Kind;
import dev.kplay.session.SessionRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/*
 * Scenarios and short links over HTTP: a session read back as a scenario, a scenario kept as a
 * short link, a link read back. Creating a session from a scenario or a link is POST
 * /api/sessions (SessionController), which asks scenarioOf() here what the body names.
 */

/** GET /api/sessions/{id}/scenario, POST /api/links, GET /api/links/{id}. */
@RestController
public class ScenarioController {
    private final SessionRegistry registry;
    private final ScenarioPlayer player;
    private final ScenarioCodec codec;
    private final Links links;
    private final SessionJobs jobs;

    public ScenarioController(SessionRegistry registry, ScenarioPlayer player, ScenarioCodec codec, Links links,
                              dev.kplay.session.SessionScheduler scheduler) {
        this.jobs = new SessionJobs(registry, scheduler);
        this.registry = registry;
        this.player = player;
        this.codec = codec;
        this.links = links;
    }

    /**
     * The session as a scenario, with what each step printed and the final dmesg; with
     * {@code outputs=false} only what to replay (no replay is run to learn the outputs: cheap).
     */
    @GetMapping("/api/sessions/{id}/scenario")
    public java.util.concurrent.CompletableFuture<Map<String, Object>> scenario(@PathVariable String id,
                                        @RequestParam(defaultValue = "true") boolean outputs) {
        // the replay that learns the outputs runs on the session's lane of the scheduler, not on this thread
        return jobs.on(id, s -> {
            List<Event> log = s.events();
            return codec.toTree(outputs ? player.record(log, null, null) : ScenarioPlayer.fromEvents(log, null, null));
        });
    }

    /** Keeps {"scenario": {...}} under its content hash: 201 {"id", "url"} (200 if it was already kept). */
    @PostMapping("/api/links")
    public java.util.concurrent.CompletableFuture<ResponseEntity<Map<String, Object>>> createLink(
            @RequestBody(required = false) Map<String, Object> body) {
        if (body == null || body.get("scenario") == null) {
            throw new SessionException(Kind.BAD_REQUEST, "expected {\"scenario\": {...}}");
        }
        only(body, "scenario");
        Scenario scenario = codec.fromTree(body.get("scenario"));
        // the store's write runs on a worker of the scheduler, not on this thread
        return jobs.apart(() -> {
            Links.Saved saved = links.save(scenario);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", saved.id());
            m.put("url", "/s/" + saved.id());
            return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(m);
        });
    }

    /** The scenario kept under a short link (read from the store on a worker of the scheduler). */
    @GetMapping(value = "/api/links/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public java.util.concurrent.CompletableFuture<String> link(@PathVariable String id) {
        return jobs.apart(() -> links.json(id));
    }

    /**
     * The scenario a POST /api/sessions body names ({"scenario"} or {"link"}), or null for a fresh
     * session. The body is checked at once; a link is read from the store only when the supplier is
     * called (on a worker of the scheduler, with the session's creation).
     */
    java.util.function.Supplier<Scenario> scenarioOf(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            return () -> null;
        }
        only(body, "scenario", "link");
        if (body.get("scenario") != null && body.get("link") != null) {
            throw new SessionException(Kind.BAD_REQUEST, "give \"scenario\" or \"link\", not both");
        }
        if (body.get("link") != null) {
            if (!(body.get("link") instanceof String id)) {
                throw new SessionException(Kind.BAD_REQUEST, "\"link\" must be a string");
            }
            return () -> links.load(id);
        }
        Scenario scenario = body.get("scenario") == null ? null : codec.fromTree(body.get("scenario"));
        return () -> scenario;
    }

    /** A session replaying {@code scenario}: its identity, the scenario and the replay's timeline. */
    Map<String, Object> play(Scenario scenario, Map<String, Object> identity) {
        ScenarioPlayer.Replay r = player.play(registry, scenario);
        Map<String, Object> m = new LinkedHashMap<>(identity);
        m.put("id", r.session().id());
        m.put("kernel", r.session().kernelRelease());
        m.put("scenario", codec.toTree(scenario));
        m.put("replay", ReplayJson.of(r));
        return m;
    }

    private static void only(Map<String, Object> body, String... keys) {
        for (String k : body.keySet()) {
            if (!java.util.List.of(keys).contains(k)) {
                throw new SessionException(Kind.BAD_REQUEST, "unknown field \"" + k + "\"");
            }
        }
    }
}
