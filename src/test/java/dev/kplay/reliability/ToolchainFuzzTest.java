package dev.kplay.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/*
 * Untrusted C must never hurt the toolchain: every golden module's source, mutated (truncated,
 * spans deleted or repeated, tokens and bytes inserted) with a fixed seed, goes through kbuild,
 * and each run must end in diagnostics or success, within a time bound, with no Java exception.
 * The size is a property: -Dkplay.fuzz.runs=100000 for the full run (CI runs a short one).
 */

/** Mutation fuzzing of the C toolchain. */
class ToolchainFuzzTest {
    static final int RUNS = Integer.getInteger("kplay.fuzz.runs", 1000);
    static final long BOUND_MS = Long.getLong("kplay.fuzz.bound-ms", 20_000);
    static final String[] SNIPPETS = {"(", ")", "{", "}", "[", "]", ";", ",", "*", "&", "->", ".", "...", "#", "##",
        "\n#define X X X\n", "\n#include \"x.h\"\n", "\n#include <linux/nope.h>\n", "\n#if 1\n", "\n#endif\n", "\n#else\n",
        "\"", "'", "/*", "*/", "//", "\\\n", "0x", "1e9999", "0x7fffffffffffffffffff", "sizeof", "struct", "union {",
        "typedef", "static", "__init", "__exit", "return", "goto l;", "l:", "switch (x) { case 1: ; }", "int", "char *",
        "(((((((((", ")))))))))", "\u0000", "\u00ff", "\uffff", "?:", "=", "+=", "<<=", "__attribute__((", "asm(",
        "_Generic(", "__builtin_", "printk(", "kmalloc(", "MODULE_LICENSE(\"GPL\");", "module_init(", "L\"", "u8\""};

    @Test
    void mutatedSourcesEndInDiagnosticsOrSuccess() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                seeds.add(Files.readString(p));
            }
        }
        assertTrue(seeds.size() > 20, "golden sources to mutate");
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong maxMs = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            jobs.add(pool.submit(() -> {
                for (int i = first; i < RUNS && failures.size() < 10; i += threads) {
                    Random r = new Random(0x6b706c6179L + i);
                    String src = mutate(seeds.get(r.nextInt(seeds.size())), r);
                    long s = System.nanoTime();
                    try {
                        BuildResult b = Kbuild.build(Map.of("fuzz.c", src));
                        if (b.ok()) {
                            ok.incrementAndGet();
                        } else if (b.output().contains("error") || b.output().contains("ERROR")) {
                            refused.incrementAndGet();
                        } else {
                            failures.add("run " + i + ": failed without a diagnostic:\n" + b.output());
                        }
                    } catch (Throwable e) {
                        failures.add("run " + i + ": " + e + "\n--- source ---\n" + src);
                    }
                    long ms = (System.nanoTime() - s) / 1_000_000;
                    maxMs.accumulateAndGet(ms, Math::max);
                    if (ms > BOUND_MS) {
                        failures.add("run " + i + ": took " + ms + " ms");
                    }
                }
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        System.out.println("[reliability] toolchain fuzz: " + RUNS + " mutated sources in " + secs + " s: " + ok + " built, "
                + refused + " refused with diagnostics, slowest " + maxMs + " ms, " + failures.size() + " failures");
        assertEquals(List.of(), failures);
    }

    static String mutate(String src, Random r) {
        StringBuilder b = new StringBuilder(src);
        int edits = 1 + r.nextInt(6);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(6)) {
                case 0 -> b.setLength(at);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(80)));
                case 2 -> {
                    int end = Math.min(b.length(), at + 1 + r.nextInt(200));
                    String span = b.substring(at, end);
                    b.insert(end, span.repeat(1 + r.nextInt(4)));
                }
                case 3 -> b.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                case 4 -> b.setCharAt(at, (char) r.nextInt(128));
                default -> b.insert(at, " " + SNIPPETS[r.nextInt(SNIPPETS.length)] + " " + SNIPPETS[r.nextInt(SNIPPETS.length)]);
            }
        }
        return b.toString();
    }
}
