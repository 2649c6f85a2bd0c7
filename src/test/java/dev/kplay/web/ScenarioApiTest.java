package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scenario and link contract end to end on a real server: a session read back as a scenario,
 * kept as a short link, replayed from the link with the same outputs and dmesg byte for byte, and
 * every kind of bad input answered with 4xx JSON while the server log stays clean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kplay.http.sessions-per-minute=1000", "kplay.sessions.follow-wall-clock=true"})
@ExtendWith(OutputCaptureExtension.class)
class ScenarioApiTest {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, String body) {
        Object json(String path) { return JsonPath.read(body, path); }
    }

    Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.contains("/files/") ? "text/plain" : "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    static String hello3() throws IOException {
        try (InputStream in = ScenarioApiTest.class.getResourceAsStream("/golden/hello-3.c")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSessionBecomesALinkThatReplaysByteForByte(CapturedOutput log) throws Exception {
        String id = (String) call("POST", "/api/sessions", null).json("$.id");
        assertEquals(204, call("PUT", "/api/sessions/" + id + "/files/hello-3.c", hello3()).status());
        String build = (String) call("POST", "/api/sessions/" + id + "/build", "{}").json("$.output");
        Thread.sleep(20);
        List<String> outputs = new java.util.ArrayList<>(List.of(build));
        for (String c : List.of("insmod hello-3.ko", "rmmod hello_3", "rmmod hello_3", "lsmod")) {
            outputs.add((String) call("POST", "/api/sessions/" + id + "/exec", "{\"command\":\"" + c + "\"}").json("$.output"));
            Thread.sleep(20);
        }
        String dmesg = call("GET", "/api/sessions/" + id + "/dmesg", null).body();

        Reply scenario = call("GET", "/api/sessions/" + id + "/scenario", null);
        assertEquals(200, scenario.status());
        assertEquals(1, (int) (Integer) scenario.json("$.version"));
        assertEquals(dmesg, scenario.json("$.dmesg"));

        Reply link = call("POST", "/api/links", "{\"scenario\":" + scenario.body() + "}");
        assertEquals(201, link.status(), link.body());
        String linkId = (String) link.json("$.id");
        assertEquals("/s/" + linkId, link.json("$.url"));
        assertEquals(200, call("POST", "/api/links", "{\"scenario\":" + scenario.body() + "}").status(), "the same scenario, the same link");
        assertEquals(scenario.body(), call("GET", "/api/links/" + linkId, null).body());

        Reply replay = call("POST", "/api/sessions", "{\"link\":\"" + linkId + "\"}");
        assertEquals(201, replay.status(), replay.body());
        assertEquals(Boolean.TRUE, replay.json("$.replay.identical"));
        String replayId = (String) replay.json("$.id");
        assertFalse(replayId.equals(id));
        assertEquals(dmesg, call("GET", "/api/sessions/" + replayId + "/dmesg", null).body(), "dmesg, timestamps included");
        List<String> replayed = JsonPath.read(replay.body(), "$.replay.frames[?(@.output)].output");
        assertEquals(outputs, replayed);
        List<Map<String, Object>> frames = JsonPath.read(replay.body(), "$.replay.frames");
        assertEquals("boot", frames.get(0).get("type"));
        assertTrue(log.getAll().isEmpty() || !log.getAll().contains(" ERROR "), log.getAll());
    }

    @Test
    void badInputGets4xxJsonAndACleanLog(CapturedOutput log) throws Exception {
        int before = log.getAll().length();
        record Case(String method, String path, String body, int status, String message) {}
        List<Case> cases = List.of(
                new Case("POST", "/api/sessions", "{\"scenario\":", 400, "malformed request body"),
                new Case("POST", "/api/sessions", "{\"scenario\":{\"version\":99}}", 400, "unsupported scenario version 99"),
                new Case("POST", "/api/sessions", "{\"scenario\":{\"files\":{}}}", 400, "lacks \"version\""),
                new Case("POST", "/api/sessions", "{\"scenario\":[]}", 400, "JSON object"),
                new Case("POST", "/api/sessions", "{\"link\":\"AAAAAAAAAAAA\"}", 404, "no such link"),
                new Case("POST", "/api/sessions", "{\"link\":7}", 400, "must be a string"),
                new Case("POST", "/api/sessions", "{\"bogus\":1}", 400, "unknown field"),
                new Case("POST", "/api/sessions", "{\"scenario\":{\"version\":1,\"steps\":[{\"type\":\"exec\",\"command\":\""
                        + "x".repeat(20000) + "\"}]}}", 413, "command line too long"),
                new Case("POST", "/api/links", "{\"scenario\":{\"version\":1,\"files\":{\"a.c\":\"" + "x".repeat(70000) + "\"}}}", 413,
                        "file too large"),
                new Case("POST", "/api/links", "{\"scenario\":{\"version\":1,\"steps\":[" + "{\"type\":\"reboot\"},".repeat(5000)
                        + "{\"type\":\"reboot\"}]}}", 413, "too many steps"),
                new Case("POST", "/api/links", "{}", 400, "expected {\"scenario\""),
                new Case("POST", "/api/links", "not json", 400, "malformed"),
                new Case("POST", "/api/links", "{\"scenario\":{\"version\":1,\"title\":\"" + "x".repeat(1_100_000) + "\"}}", 413, "too large"),
                new Case("GET", "/api/links/AAAAAAAAAAAA", null, 404, "no such link"),
                new Case("GET", "/api/links/..%2F..", null, 404, ""),
                new Case("GET", "/api/sessions/nope/scenario", null, 404, "no such session"));
        for (Case c : cases) {
            Reply r = call(c.method(), c.path(), c.body());
            assertEquals(c.status(), r.status(), c.path() + " " + abbreviate(c.body()) + " -> " + r.body());
            assertTrue(r.body().startsWith("{\"error\":"), r.body());
            assertTrue(((String) r.json("$.message")).contains(c.message()), abbreviate(c.body()) + " -> " + r.body());
        }
        String during = log.getAll().substring(before);
        assertFalse(during.contains("WARN") || during.contains("ERROR") || during.contains("Exception"), during);
    }

    static String abbreviate(String s) {
        return s == null || s.length() < 200 ? s : s.substring(0, 200) + "...";
    }
}
