package dev.kplay.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/*
 * A kplay server in a JVM of its own, started from the test's classpath: what the reliability
 * tests kill, restart and starve of heap. Its output goes to a file for when a test fails.
 */

/** One forked kplay node. */
final class Node implements AutoCloseable {
    final String name;
    final int port;
    final Path log;
    private final Process process;

    private Node(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a node with {@code jvmArgs} and server {@code args}; waits until it answers /healthz. */
    static Node start(String name, List<String> jvmArgs, List<String> args) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("kplay-" + name + "-", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.kplay.KplayApplication");
        cmd.add("--server.port=" + port);
        cmd.add("--kplay.node-name=" + name);
        cmd.add("--spring.main.banner-mode=off");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node n = new Node(name, port, log, p);
        n.awaitHealthy(Duration.ofSeconds(240));
        return n;
    }

    void awaitHealthy(Duration within) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready:\n" + Files.readString(log));
    }

    /**
     * The node's heap in use right after a full collection (jcmd GC.run, then GC.heap_info), in
     * MiB: what is really live, with no garbage waiting, for leak checks.
     */
    double liveHeapMiB() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String pid = String.valueOf(process.pid());
        new ProcessBuilder(jcmd.toString(), pid, "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd.toString(), pid, "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        info.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd:\n" + out);
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    /**
     * The node's live objects by class after a full collection (jcmd GC.class_histogram): class name
     * to {instances, bytes}, to say what a growing heap holds.
     */
    java.util.Map<String, long[]> histogram() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        java.util.Map<String, long[]> classes = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(out);
        while (m.find()) {
            classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return classes;
    }

    /** The {@code n} classes whose live bytes grew most from {@code before} to {@code after}, as text. */
    static String growth(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after, int n) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(n)
                .map(e -> e.getKey() + " +" + e.getValue()[1] / 1024 + " KiB (" + e.getValue()[0] + " objects)")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the node dies with no chance to save anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: graceful shutdown; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
