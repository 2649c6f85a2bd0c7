package dev.kplay.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/*
 * RunawayFairnessTest for builds: as many sessions as the scheduler has CPUs build a
 * source that takes seconds of CPU to compile (a macro expanding to tens of thousands of
 * statements, under the 5 s CPU limit) again and again, while other sessions echo. Before builds
 * went through the time slices, an echo that came while every CPU held a build waited for one to
 * end; now a build gives its CPU back at the compiler's CPU-limit check. Each build's source
 * differs (a counter), so the build cache never answers. The bound is relative, as there: 99% of
 * echoes take less than a third of a build request's median. -Dkplay.rel.builders=N,
 * -Dkplay.rel.build-seconds=S and -Dkplay.rel.build-lines=L change the 2, the 20 and the 30. (More
 * builders than CPUs park builds, each holding 50-90 MB of compiler state. Two such builds in
 * flight took a 384 MB node to the server's low-memory refusal, which is not what this test
 * measures, so the node has 768 MB; a clean-clone run on a quiet machine still reached the refusal with
 * 768 MB (an echo got the 503 at 85%; cause not measured), so it has 1.5 GB.)
 */

/** Sessions building near-limit sources next to interactive ones, on a two-CPU scheduler. */
class BuildFairnessTest {
    static final int CPUS = 2;
    static final int BUILDERS = Integer.getInteger("kplay.rel.builders", 2);
    static final int LOAD_SECONDS = Integer.getInteger("kplay.rel.build-seconds", 20);
    /** Each line is 1000 statements: ~30 of them take ~2 s of CPU to compile on a loaded 2-core machine. */
    static final int LINES = Integer.getInteger("kplay.rel.build-lines", 30);
    static final int ECHOERS = 4;

    static Node node;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start("buildfair", List.of("-Xmx1536m", "-XX:+ExitOnOutOfMemoryError"),
                List.of("--spring.datasource.url=jdbc:h2:mem:buildfair;DB_CLOSE_DELAY=-1",
                        "--kplay.http.requests-per-second=100000", "--kplay.http.request-burst=100000",
                        "--kplay.http.sessions-per-minute=100000", "--kplay.sched.workers=" + CPUS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    static java.net.http.HttpRequest request(String method, String path, String body) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.port + path))
                .timeout(java.time.Duration.ofMinutes(5))
                .header("Content-Type", path.contains("/files/") ? "text/plain" : "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = NothingWaitsTest.http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /** A module whose init is {@code LINES} x 1000 statements from a macro; {@code n} makes each source new. */
    static String big(long n) {
        return "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n/* build " + n + " */\n"
                + "#define A x = x * 3 + 1;\n#define B A A A A A A A A A A\n#define C B B B B B B B B B B\n"
                + "#define D C C C C C C C C C C\nstatic int seed;\nmodule_param(seed, int, 0);\n"
                + "static int __init big_init(void)\n{\n\tint x = seed;\n" + "\tD\n".repeat(LINES)
                + "\tpr_info(\"big: %d\\n\", x & 1);\n\treturn 0;\n}\nmodule_init(big_init);\n";
    }

    /** One echo after another in each session until {@code until} is done (or {@code rounds} each); latencies in ms. */
    static long[] echoes(List<String> ids, int rounds, CompletableFuture<?> until) throws Exception {
        List<Long> ms = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (String id : ids) {
            loops.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; until != null ? !until.isDone() : i < rounds; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = NothingWaitsTest.http.sendAsync(request("POST", "/api/sessions/" + id + "/exec",
                            "{\"command\":\"echo hi\"}"), HttpResponse.BodyHandlers.ofString()).join();
                    assertEquals(200, r.statusCode(), r.body());
                    assertEquals("hi\n", JsonPath.read(r.body(), "$.output"));
                    ms.add((System.nanoTime() - t0) / 1_000_000);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return ms.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Test
    void buildingSessionsDoNotSlowOtherSessionsBeyondASlice() throws Exception {
        List<String> echoers = new ArrayList<>();
        for (int i = 0; i < ECHOERS; i++) {
            echoers.add(JsonPath.read(ok("POST", "/api/sessions", "{}"), "$.id"));
        }
        echoes(echoers, 10, null);                              // warm up
        long[] quiet = echoes(echoers, 40, null);

        List<String> builders = new ArrayList<>();
        for (int i = 0; i < BUILDERS; i++) {
            builders.add(JsonPath.read(ok("POST", "/api/sessions", "{}"), "$.id"));
        }
        double preemptedBefore = NothingWaitsTest.metric(ok("GET", "/actuator/prometheus", null),
                "kplay_sched_preemptions_total");
        long end = System.nanoTime() + LOAD_SECONDS * 1_000_000_000L;
        List<Long> buildMs = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> building = new ArrayList<>();
        long[] counter = {System.nanoTime()};
        for (String id : builders) {
            building.add(CompletableFuture.runAsync(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long n;
                        synchronized (counter) {
                            n = counter[0]++;
                        }
                        ok("PUT", "/api/sessions/" + id + "/files/big.c", big(n));
                        long t0 = System.nanoTime();
                        String r = ok("POST", "/api/sessions/" + id + "/build", null);
                        buildMs.add((System.nanoTime() - t0) / 1_000_000);
                        if (!r.contains("\"ok\":true")) {
                            failed.add(r.length() > 600 ? r.substring(r.length() - 600) : r);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture<Void> load = CompletableFuture.allOf(building.toArray(CompletableFuture[]::new));
        Thread.sleep(500);                                      // every CPU holds a build now
        long[] busy = echoes(echoers, 0, load);
        load.get(10, TimeUnit.MINUTES);
        double preemptions = NothingWaitsTest.metric(ok("GET", "/actuator/prometheus", null), "kplay_sched_preemptions_total")
                - preemptedBefore;
        long[] built = buildMs.stream().mapToLong(Long::longValue).sorted().toArray();
        long builtMedian = NothingWaitsTest.pct(built, 50);

        System.out.println("[reliability] builders: " + BUILDERS + " sessions building a " + LINES + "000-statement module for "
                + LOAD_SECONDS + " s, on a scheduler of " + CPUS + " CPUs: " + built.length + " builds, median " + builtMedian
                + " ms (" + Arrays.stream(built).min().orElse(0) + ".." + Arrays.stream(built).max().orElse(0) + " ms), "
                + failed.size() + " failed; " + (long) preemptions + " slice ends gave a CPU back");
        System.out.println("[reliability]   " + ECHOERS + " other sessions' echo: no build p50 " + NothingWaitsTest.pct(quiet, 50)
                + " ms p99 " + NothingWaitsTest.pct(quiet, 99) + " ms max " + quiet[quiet.length - 1] + " ms (" + quiet.length
                + "); " + BUILDERS + " builders p50 " + NothingWaitsTest.pct(busy, 50) + " ms p99 " + NothingWaitsTest.pct(busy, 99)
                + " ms max " + busy[busy.length - 1] + " ms (" + busy.length + ")");
        assertTrue(failed.isEmpty(), "every build compiles within the CPU limit: " + failed);
        assertTrue(built.length >= BUILDERS && busy.length >= 20, built.length + " builds, " + busy.length + " echoes");
        assertTrue(NothingWaitsTest.pct(busy, 99) * 3 < builtMedian, "an echo does not wait out a build: echo p99 "
                + NothingWaitsTest.pct(busy, 99) + " ms, a build request's median " + builtMedian + " ms");
    }
}
