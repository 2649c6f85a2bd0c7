package dev.kplay.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/*
 * Problems 2, 5 and 8 of the reliability issue against a real server (Tomcat included, since
 * several of them were Tomcat's own answers): every input is bounded whatever its framing, every
 * refusal is JSON, and a sweep of malformed requests over every endpoint gives no 500.
 */

/** Hostile input: limits and errors at the HTTP edge. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kplay.sessions.follow-wall-clock=false", "kplay.http.requests-per-second=100000",
                "kplay.http.request-burst=100000", "kplay.http.sessions-per-minute=100000"})
class HostileInputTest {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpRequest request = b.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // A kept-alive connection the server closed after an earlier refusal (as Tomcat does after an
            // oversized body) can be picked from the client's pool just as it closes; the request never
            // reached the server. Once more on a fresh connection: a server that hangs up on this request
            // itself fails again here.
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    String newSession() throws Exception {
        return JsonPath.read(send("POST", "/api/sessions", "application/json", "{}").body(), "$.id");
    }

    /** A raw HTTP/1.1 request line as an attacker types it; returns the status line and body. */
    String raw(String requestLine) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void chunkedBodiesCannotSkipTheLimit() throws Exception {
        String id = newSession();
        byte[] big = new byte[3 << 20];
        java.util.Arrays.fill(big, (byte) 'x');
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sessions/" + id + "/files/a.c"))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big))).build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException reset) {
            System.out.println("[reliability] chunked 3 MiB PUT: connection closed by the server after the limit");
            return;
        }
        System.out.println("[reliability] chunked 3 MiB PUT: " + r.statusCode() + " " + r.body());
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("\"too_large\""));
    }

    @Test
    void tomcatRefusalsAreJson() throws Exception {
        for (String line : List.of("GET /api/sessions/%00 HTTP/1.1", "GET /api/sessions/a%5Cb HTTP/1.1",
                "GET /api/sessions/x/files/a%00.c HTTP/1.1", "GET /api/" + "a".repeat(20_000) + " HTTP/1.1",
                "GET /api/sessions/x/files/" + "n".repeat(300) + " HTTP/1.1")) {
            String resp = raw(line);
            String status = resp.substring(0, resp.indexOf("\r\n"));
            String body = resp.substring(resp.indexOf("\r\n\r\n") + 4);
            System.out.println("[reliability] " + line.substring(0, Math.min(60, line.length())) + " -> " + status);
            assertTrue(status.matches("HTTP/1.1 4\\d\\d.*"), status);
            assertTrue(resp.toLowerCase().contains("content-type: application/json"), resp);
            assertTrue(body.contains("\"error\""), body);
        }
    }

    @Test
    void buildAndRebootRefuseMalformedJson() throws Exception {
        String id = newSession();
        for (String action : List.of("build", "reboot")) {
            HttpResponse<String> r = send("POST", "/api/sessions/" + id + "/" + action, "application/json", "{not json");
            assertEquals(400, r.statusCode(), action + ": " + r.body());
            assertTrue(r.body().contains("\"bad_request\""));
            assertEquals(200, send("POST", "/api/sessions/" + id + "/" + action, "application/json", "{}").statusCode());
            assertEquals(200, send("POST", "/api/sessions/" + id + "/" + action, null, null).statusCode());
        }
    }

    @Test
    void aScenarioWithMoreThan32FilesIsRefused() throws Exception {
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            files.append(i == 0 ? "" : ",").append("\"f").append(i).append(".h\":\"\"");
        }
        String scenario = "{\"version\":1,\"files\":{" + files + "}}";
        for (String path : List.of("/api/sessions", "/api/links")) {
            HttpResponse<String> r = send("POST", path, "application/json", "{\"scenario\":" + scenario + "}");
            System.out.println("[reliability] scenario with 40 files, POST " + path + " -> " + r.statusCode() + " " + r.body());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 413, r.body());
            assertTrue(r.body().contains("32"), r.body());
        }
    }

    @Test
    void insmodParamsAreArgumentsNeverShell() throws Exception {
        String id = newSession();
        HttpResponse<String> r = send("POST", "/api/sessions/" + id + "/insmod", "application/json",
                "{\"module\":\"none.ko\",\"params\":\"a=1; echo PWNED > /root/pwned; b=$(id) `x` | cat\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(!r.body().contains("PWNED"), r.body());
        List<String> files = JsonPath.read(send("GET", "/api/sessions/" + id + "/files", null, null).body(), "$");
        assertTrue(!files.contains("pwned"), files.toString());
        String ls = JsonPath.read(send("POST", "/api/sessions/" + id + "/exec", "application/json",
                "{\"command\":\"ls /root\"}").body(), "$.output");
        assertTrue(!ls.contains("pwned"), ls);
    }

    @Test
    void theLongAdditionChainBuildsInBoundedTime() throws Exception {
        String id = newSession();
        StringBuilder b = new StringBuilder("#include <linux/module.h>\nint x = 1");
        while (b.length() < 60_000) {
            b.append("+1");
        }
        b.append(";\nMODULE_LICENSE(\"GPL\");\n");
        assertEquals(204, send("PUT", "/api/sessions/" + id + "/files/chain.c", "text/plain", b.toString()).statusCode());
        long t0 = System.nanoTime();
        HttpResponse<String> r = send("POST", "/api/sessions/" + id + "/build", null, null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[reliability] 60 KB of 1+1+...: build " + ms + " ms wall (CPU limit per file 5000 ms)");
        assertEquals(200, r.statusCode());
        assertTrue((Boolean) JsonPath.read(r.body(), "$.ok"), r.body());
    }

    /** Malformed bodies, ids, names and methods over every endpoint: all 4xx JSON (or success), never 500. */
    @Test
    void malformedInputSweepGivesNo500() throws Exception {
        String id = newSession();
        List<String> bodies = List.of("", "{", "[]", "null", "\"x\"", "{\"command\":123}", "{\"command\":null}",
                "{\"module\":[],\"params\":{}}", "{\"signal\":\"SIGNOPE\"}", "{\"timeoutMs\":-99999999999999999999}",
                "{\"timeoutMs\":\"x\",\"command\":\"true\"}", "{\"scenario\":7}", "{\"scenario\":{\"files\":\"x\"}}",
                "{\"link\":\"../../etc\"}", "\u0000\u0001", "{\"a\":" + "[".repeat(5000) + "}");
        List<String> paths = List.of("/api/sessions", "/api/sessions/" + id, "/api/sessions/nope", "/api/sessions/" + id + "/files",
                "/api/sessions/" + id + "/files/a.c", "/api/sessions/" + id + "/files/..%2Fx", "/api/sessions/" + id + "/files/%20",
                "/api/sessions/" + id + "/build", "/api/sessions/" + id + "/insmod", "/api/sessions/" + id + "/rmmod",
                "/api/sessions/" + id + "/exec", "/api/sessions/" + id + "/signal", "/api/sessions/" + id + "/dmesg",
                "/api/sessions/" + id + "/reboot", "/api/sessions/" + id + "/scenario", "/api/links", "/api/links/nope",
                "/api/links/%7B%7D", "/api/nothing", "/actuator/health", "/s/x", "/embed/x");
        List<String> types = new ArrayList<>();
        types.add("application/json");
        types.add("text/plain");
        types.add(null);
        types.add("application/x-www-form-urlencoded");
        int requests = 0;
        List<String> fiveHundreds = new ArrayList<>();
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                for (String type : types) {
                    for (String body : method.equals("GET") || method.equals("DELETE") ? List.of("") : bodies) {
                        if (method.equals("DELETE") && path.equals("/api/sessions/" + id)) {
                            continue;
                        }
                        HttpResponse<String> r = send(method, path, type, body.isEmpty() ? null : body);
                        requests++;
                        if (r.statusCode() >= 500) {
                            fiveHundreds.add(method + " " + path + " [" + type + "] " + body + " -> " + r.statusCode() + " " + r.body());
                        }
                        if (r.statusCode() >= 400) {
                            String ct = r.headers().firstValue("Content-Type").orElse("");
                            assertTrue(ct.startsWith("application/json"), method + " " + path + " -> " + r.statusCode() + " " + ct);
                        }
                    }
                }
            }
        }
        System.out.println("[reliability] malformed-input sweep: " + requests + " requests, " + fiveHundreds.size() + " x 500");
        assertEquals(List.of(), fiveHundreds);
    }
}
