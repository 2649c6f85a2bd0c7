package dev.kplay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The live-sessions figure: N sessions, each looping the Episode I story (build, insmod, rmmod,
 * rmmod, reboot) through the HTTP API, driven by a fixed pool of client threads that take the
 * sessions in turn, until every session has looped at least {@code loops} times. The figure is the
 * latency of each command (p50, p99) under that load, on the same two cores as the server.
 */
final class LiveSessions {
    static final List<String[]> STORY = List.of(
            new String[] {"/build", "{}"},
            new String[] {"/insmod", "{\"module\":\"hello-3.ko\",\"params\":\"\"}"},
            new String[] {"/rmmod", "{\"module\":\"hello_3\"}"},
            new String[] {"/rmmod", "{\"module\":\"hello_3\"}"},
            new String[] {"/reboot", "{}"});

    /** What a run measured. */
    record Result(int sessions, long commands, double seconds, long p50Nanos, long p99Nanos) {}

    private LiveSessions() {}

    /** Runs the story on every session (post(session, path, body) makes one request) with the given number of client threads. */
    static Result run(List<String> sessions, int clients, int loops, BiFunction<String, String[], Object> post)
            throws Exception {
        int steps = sessions.size() * STORY.size() * loops;
        long[] latencies = new long[steps];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        // a session's commands run in order: client i owns sessions i, i+clients, ...
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int loop = 0; loop < loops; loop++) {
                    for (int step = 0; step < STORY.size(); step++) {
                        for (int s = client; s < sessions.size(); s += clients) {
                            long t = System.nanoTime();
                            post.apply(sessions.get(s), STORY.get(step));
                            latencies[next.getAndIncrement()] = System.nanoTime() - t;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = Arrays.copyOf(latencies, next.get());
        Arrays.sort(sorted);
        return new Result(sessions.size(), sorted.length, seconds, sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]);
    }
}
