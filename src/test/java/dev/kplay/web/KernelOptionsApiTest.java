package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Kernel options over HTTP: a scenario's "cmdline" boots the session's kernel with those
 * parameters (shown in /proc/cmdline, dmesg and the state), a reboot may change them, the session's
 * scenario records both, a link replays them, and parameters kplay does not simulate are 400 JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kplay.http.sessions-per-minute=1000"})
@ExtendWith(OutputCaptureExtension.class)
class KernelOptionsApiTest {
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
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    String exec(String id, String command) throws Exception {
        return (String) call("POST", "/api/sessions/" + id + "/exec", "{\"command\":\"" + command + "\"}").json("$.output");
    }

    @Test
    void optionsAreRecordedShownAndReplayed(CapturedOutput log) throws Exception {
        Reply created = call("POST", "/api/sessions",
                "{\"scenario\":{\"version\":1,\"cmdline\":\"sysctl.kernel.hung_task_timeout_secs=7\"}}");
        assertEquals(201, created.status(), created.body());
        String id = (String) created.json("$.id");
        assertEquals("console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=7\n", exec(id, "cat /proc/cmdline"));
        assertEquals("7\n", exec(id, "cat /proc/sys/kernel/hung_task_timeout_secs"));
        assertEquals("sysctl.kernel.hung_task_timeout_secs=7", call("GET", "/api/sessions/" + id, null).json("$.cmdline"));
        assertTrue(call("GET", "/api/sessions/" + id + "/dmesg", null).body()
                .contains("] Command line: console=ttyS0 panic=1 sysctl.kernel.hung_task_timeout_secs=7\n"));

        assertEquals(200, call("POST", "/api/sessions/" + id + "/reboot", "{\"cmdline\":\"sysctl.kernel.hung_task_timeout_secs=3\"}").status());
        assertEquals("3\n", exec(id, "cat /proc/sys/kernel/hung_task_timeout_secs"));
        assertEquals(200, call("POST", "/api/sessions/" + id + "/reboot", "{}").status());
        assertEquals("3\n", exec(id, "cat /proc/sys/kernel/hung_task_timeout_secs"), "a plain reboot keeps the options");

        Reply scenario = call("GET", "/api/sessions/" + id + "/scenario", null);
        assertEquals("sysctl.kernel.hung_task_timeout_secs=7", scenario.json("$.cmdline"));
        assertEquals("sysctl.kernel.hung_task_timeout_secs=3", JsonPath.read(scenario.body(), "$.steps[?(@.type == 'reboot')].cmdline").toString()
                .replaceAll("[\\[\\]\"]", ""));
        String link = (String) call("POST", "/api/links", "{\"scenario\":" + scenario.body() + "}").json("$.id");
        Reply replay = call("POST", "/api/sessions", "{\"link\":\"" + link + "\"}");
        assertEquals(Boolean.TRUE, replay.json("$.replay.identical"), replay.body());
        String replayId = (String) replay.json("$.id");
        assertEquals("3\n", exec(replayId, "cat /proc/sys/kernel/hung_task_timeout_secs"));
        assertEquals(call("GET", "/api/sessions/" + id + "/dmesg", null).body().replace(id, "X"),
                call("GET", "/api/sessions/" + replayId + "/dmesg", null).body().replace(replayId, "X"));

        Reply unknown = call("POST", "/api/sessions", "{\"scenario\":{\"version\":1,\"cmdline\":\"nokaslr\"}}");
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(((String) unknown.json("$.message")).contains("kplay does not simulate the boot parameter \"nokaslr\""), unknown.body());
        assertEquals(400, call("POST", "/api/sessions/" + id + "/reboot", "{\"cmdline\":\"quiet\"}").status());
        assertEquals(400, call("POST", "/api/sessions/" + id + "/reboot", "{\"cmdline\":5}").status());
        assertEquals(400, call("POST", "/api/sessions", "{\"scenario\":{\"version\":1,\"steps\":[{\"type\":\"reboot\",\"cmdline\":\"x\"}]}}").status());
        assertEquals(400, call("POST", "/api/sessions", "{\"scenario\":{\"version\":1,\"steps\":[{\"type\":\"reboot\",\"kernel\":\"mine\"}]}}").status());
        assertEquals(200, call("POST", "/api/sessions/" + id + "/reboot", "{\"kernel\":\"stock\"}").status());
        List<String> kernels = JsonPath.read(call("GET", "/api/sessions/" + id + "/scenario?outputs=false", null).body(),
                "$.steps[?(@.type == 'reboot')].kernel");
        assertEquals(List.of("stock"), kernels, "a reboot into the stock kernel is part of the scenario");
        assertFalse(log.getAll().contains("Exception"), "the server log stays clean");
    }
}
