package dev.kplay.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.kplay.store.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/*
 * Problem 6 and 7 on real components, without Docker: Debian's PostgreSQL (a throwaway cluster),
 * two kplay nodes sharing it, and Debian's nginx in front routing by session id with a consistent
 * hash, as deploy/nginx.conf does. A session is set up through nginx, the node serving it is
 * killed (SIGKILL, mid-session), and the same session, reached through nginx again, is rebuilt by
 * replay on the other node: its dmesg, files and kernel state identical, and it goes on working.
 * Then a node is stopped with SIGTERM and restarted: the sessions are all still there.
 */

/** Node loss and restart behind nginx, sharing PostgreSQL. */
class NodeLossTest {
    static final String HELLO = RestartTest.HELLO;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    int nginxPort;

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.contains("/files/") ? "text/plain" : "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        assertTrue(r.statusCode() < 300, method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    String node(String id) throws Exception {
        return call("GET", "/api/sessions/" + id, null).headers().firstValue("X-Kplay-Node").orElse("?");
    }

    /** What a user sees of a session: dmesg, files, and the state (uptime aside: it is virtual and does not move here). */
    String view(String id) throws Exception {
        return ok("GET", "/api/sessions/" + id + "/dmesg", null) + ok("GET", "/api/sessions/" + id + "/files", null)
                + ok("GET", "/api/sessions/" + id, null);
    }

    static Process nginx(Path dir, int port, List<Node> nodes) throws Exception {
        StringBuilder servers = new StringBuilder();
        for (Node n : nodes) {
            servers.append("    server 127.0.0.1:").append(n.port).append(" max_fails=1 fail_timeout=30s;\n");
        }
        String conf = Files.readString(Path.of("deploy/nginx.conf"))
                .replace("    server kplay1:8080 max_fails=1 fail_timeout=30s;\n    server kplay2:8080 max_fails=1 fail_timeout=30s;\n",
                        servers.toString())
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("pid /run/nginx.pid;", "pid " + dir.resolve("nginx.pid") + ";")
                .replace("error_log /dev/stderr warn;", "error_log " + dir.resolve("error.log") + " warn;")
                .replace("http {", "http {\n  client_body_temp_path " + dir.resolve("body") + ";\n  proxy_temp_path "
                        + dir.resolve("proxy") + ";\n  fastcgi_temp_path " + dir.resolve("fcgi") + ";\n  uwsgi_temp_path "
                        + dir.resolve("uwsgi") + ";\n  scgi_temp_path " + dir.resolve("scgi") + ";");
        if ("root".equals(System.getProperty("user.name"))) {
            conf = "user root;\n" + conf;
        }
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Path bin = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(bin)) {
            throw new IOException("nginx is not installed: run `apt-get install -y nginx` (.ci/run does this)");
        }
        Process p = new ProcessBuilder(bin.toString(), "-c", file.toString(), "-p", dir.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Thread.sleep(500);
        if (!p.isAlive()) {
            throw new IOException("nginx did not start:\n" + Files.readString(dir.resolve("nginx.out")));
        }
        return p;
    }

    @Test
    void aDeadNodesSessionsAreRebuiltElsewhereAndARestartLosesNothing() throws Exception {
        Path dir = Files.createTempDirectory("kplay-nginx-");
        try (PostgresServer pg = PostgresServer.start()) {
            List<String> args = List.of("--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=" + pg.user(),
                    "--spring.datasource.password=", "--kplay.sessions.follow-wall-clock=false",
                    "--kplay.http.trusted-proxies=127.0.0.1");
            List<String> jvm = List.of("-Xmx256m");
            List<Node> nodes = new ArrayList<>();
            nodes.add(Node.start("node1", jvm, args));
            nodes.add(Node.start("node2", jvm, args));
            nginxPort = Node.freePort();
            Process nginx = nginx(dir, nginxPort, nodes);
            try {
                List<String> ids = new ArrayList<>();
                Map<String, String> before = new java.util.HashMap<>();
                // six sessions, and more (up to 16) until the hash has put one on each node (1 in 32 runs of
                // six random ids all land on one node)
                java.util.Set<String> served = new java.util.HashSet<>();
                for (int i = 0; i < 16 && (i < 6 || served.size() < 2); i++) {
                    String id = JsonPath.read(ok("POST", "/api/sessions", "{}"), "$.id");
                    ids.add(id);
                    ok("PUT", "/api/sessions/" + id + "/files/hello.c", HELLO);
                    ok("POST", "/api/sessions/" + id + "/build", null);
                    ok("POST", "/api/sessions/" + id + "/insmod", "{\"module\":\"hello.ko\"}");
                    ok("POST", "/api/sessions/" + id + "/exec", "{\"command\":\"echo '<6>session " + i + "' > /dev/kmsg\"}");
                    before.put(id, view(id));
                    served.add(node(id));
                }
                String victim = node(ids.get(0));
                assertTrue(ids.stream().anyMatch(id -> {
                    try {
                        return !node(id).equals(victim);
                    } catch (Exception e) {
                        return false;
                    }
                }), "the hash spreads sessions over both nodes");
                Node dead = nodes.stream().filter(n -> n.name.equals(victim)).findFirst().orElseThrow();
                dead.kill();
                long t0 = System.nanoTime();
                for (String id : ids) {
                    assertEquals(before.get(id), view(id), "session " + id + " after its node died");
                    assertNotEquals(victim, node(id));
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                System.out.println("[reliability] node loss: " + victim + " killed; " + ids.size()
                        + " sessions all identical through nginx on the survivor (" + ms + " ms for all, replays included)");
                String id = ids.get(0);
                String rm = ok("POST", "/api/sessions/" + id + "/rmmod", "{\"module\":\"hello\"}");
                assertEquals(0, (Integer) JsonPath.read(rm, "$.exitCode"), rm);
                assertTrue(ok("GET", "/api/sessions/" + id + "/dmesg", null).endsWith("bye\n"));
                before.put(id, view(id));

                Node survivor = nodes.stream().filter(Node::alive).findFirst().orElseThrow();
                survivor.terminate();
                assertTrue(survivor.output().contains("sessions parked in the store"), "SIGTERM drained and parked");
                nodes.add(Node.start("node3", jvm, args));
                nginx.destroy();
                nginx.waitFor();
                nginx = nginx(dir, nginxPort, List.of(nodes.get(nodes.size() - 1)));
                for (String s : ids) {
                    assertEquals(before.get(s), view(s), "session " + s + " after a restart");
                }
                System.out.println("[reliability] restart: SIGTERM, new node on the same PostgreSQL, " + ids.size()
                        + " sessions identical");
            } finally {
                nginx.destroy();
                for (Node n : nodes) {
                    n.close();
                }
            }
        }
    }
}
