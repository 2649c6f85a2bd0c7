package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jayway.jsonpath.JsonPath;
import dev.kplay.KplayApplication;
import dev.kplay.store.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A short link outlives the server that made it: the whole application is started, a link is
 * made, the application is stopped and started again on the same store, and the link still
 * answers with the same scenario and replays. Once with the default store (H2 files under
 * kplay.data-dir) and once with PostgreSQL (a real server, see PostgresServer).
 */
class LinksSurviveRestartTest {
    static final String SCENARIO = "{\"version\":1,\"title\":\"restart\",\"files\":{\"hi.c\":\"int x;\\n\"},"
            + "\"steps\":[{\"type\":\"exec\",\"command\":\"echo survived > /dev/kmsg\"},{\"type\":\"exec\",\"command\":\"dmesg | tail -n 1\"}]}";

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withTheEmbeddedStore() throws Exception {
        Path dataDir = Files.createTempDirectory("kplay-data-");
        String[] args = {"--kplay.data-dir=" + dataDir.toAbsolutePath(), "--spring.datasource.url=jdbc:h2:file:${kplay.data-dir}/kplay"};
        restartKeepsLinks(args);
        assertEquals(true, Files.exists(dataDir.resolve("kplay.mv.db")), "the store is a file in the data directory");
    }

    @Test
    void withPostgres() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            restartKeepsLinks(new String[] {"--spring.datasource.url=" + pg.jdbcUrl(),
                    "--spring.datasource.username=" + pg.user(), "--spring.datasource.password="});
        }
    }

    private void restartKeepsLinks(String[] args) throws Exception {
        String id;
        String stored;
        try (ConfigurableApplicationContext app = start(args)) {
            String made = send(app, "POST", "/api/links", "{\"scenario\":" + SCENARIO + "}", 201);
            id = JsonPath.read(made, "$.id");
            stored = send(app, "GET", "/api/links/" + id, null, 200);
        }
        try (ConfigurableApplicationContext app = start(args)) {
            assertEquals(stored, send(app, "GET", "/api/links/" + id, null, 200));
            String replay = send(app, "POST", "/api/sessions", "{\"link\":\"" + id + "\"}", 201);
            assertEquals("survived\n", ((String) JsonPath.read(replay, "$.replay.frames[3].output")).replaceAll("^\\[.*\\] ", ""));
            send(app, "GET", "/api/links/AAAAAAAAAAAA", null, 404);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        return new SpringApplicationBuilder(KplayApplication.class).run(all);
    }

    private String send(ConfigurableApplicationContext app, String method, String path, String body, int status) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        return r.body();
    }
}
