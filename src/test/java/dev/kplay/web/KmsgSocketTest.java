package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The kmsg WebSocket against a running server: records as JSON frames, and resume after a seq. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kplay.sessions.follow-wall-clock=false")
class KmsgSocketTest {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String post(String path, String json) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Collects text frames. */
    static final class Frames implements WebSocket.Listener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** Waits for a frame containing {@code text}; returns its index, or -1 after 10 s. */
        int awaitText(String text) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end) {
                for (int i = 0; i < frames.size(); i++) {
                    if (frames.get(i).contains(text)) {
                        return i;
                    }
                }
                Thread.sleep(10);
            }
            return -1;
        }
    }

    WebSocket connect(String id, long after, Frames listener) throws Exception {
        return http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/api/sessions/" + id + "/kmsg?after=" + after), listener)
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void streamsRecordsAndResumesAfterASequenceNumber() throws Exception {
        String id = JsonPath.read(post("/api/sessions", "{}"), "$.id");
        post("/api/sessions/" + id + "/exec", "{\"command\":\"echo '<6>kplay: first' > /dev/kmsg\"}");

        Frames all = new Frames();
        WebSocket ws = connect(id, -1, all);
        int firstAt = all.awaitText("kplay: first");
        assertTrue(firstAt >= 0, "the backlog arrives on connect: " + all.frames);
        String first = all.frames.get(0);
        assertTrue(first.startsWith("{\"seq\":0,\"level\":") && first.contains("\"ts\":") && first.contains("\"text\":"),
                first);

        post("/api/sessions/" + id + "/exec", "{\"command\":\"echo '<6>kplay: live' > /dev/kmsg\"}");
        int liveAt = all.awaitText("kplay: live");
        assertTrue(liveAt > firstAt, all.frames.toString());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);

        long firstSeq = ((Number) JsonPath.read(all.frames.get(firstAt), "$.seq")).longValue();
        Frames resumed = new Frames();
        WebSocket ws2 = connect(id, firstSeq, resumed);
        assertTrue(resumed.awaitText("kplay: live") >= 0, resumed.frames.toString());
        assertEquals(firstSeq + 1, ((Number) JsonPath.read(resumed.frames.get(0), "$.seq")).longValue());
        assertTrue(resumed.frames.stream().noneMatch(f -> f.contains("kplay: first")), resumed.frames.toString());
        ws2.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRebootStreamsTheNewKernelFromSeqZeroAndDeleteClosesTheSocket() throws Exception {
        String id = JsonPath.read(post("/api/sessions", "{}"), "$.id");
        post("/api/sessions/" + id + "/exec", "{\"command\":\"echo '<6>kplay: before' > /dev/kmsg\"}");
        Frames frames = new Frames();
        WebSocket ws = connect(id, -1, frames);
        int before = frames.awaitText("kplay: before");
        assertTrue(before >= 0, frames.frames.toString());
        post("/api/sessions/" + id + "/reboot", "{}");
        post("/api/sessions/" + id + "/exec", "{\"command\":\"echo '<6>kplay: after' > /dev/kmsg\"}");
        int after = frames.awaitText("kplay: after");
        assertTrue(after > before, frames.frames.toString());
        assertEquals(0L, ((Number) JsonPath.read(frames.frames.get(before + 1), "$.seq")).longValue(),
                "the new kernel's log starts again at seq 0: " + frames.frames.get(before + 1));
        HttpRequest del = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sessions/" + id)).DELETE().build();
        assertEquals(204, http.send(del, HttpResponse.BodyHandlers.ofString()).statusCode());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ws.isInputClosed() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(ws.isInputClosed(), "the socket closes when its session ends");
    }
}
