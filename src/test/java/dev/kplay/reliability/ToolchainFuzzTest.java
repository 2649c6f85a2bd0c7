package dev.kplay.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/*
 * Untrusted C must never hurt the toolchain: 100,000 mutated and truncated C sources go through
 * kbuild, and each must end in diagnostics or success, within a time bound, with no Java exception.
 *
 * Seeds are every module source of the golden cases and of the gallery. A run takes one seed and
 * applies 1-6 mutations with a fixed random seed per run (reproducible): truncation, spans deleted
 * or repeated, C tokens deleted, repeated or swapped, snippets and bytes inserted, characters flipped.
 *
 * Speed: the kernel headers a module includes cost some 30 ms of a 35 ms build (kplay's compiler
 * has no precompiled headers, and a cache of parsed headers shared between builds would share the
 * preprocessor's and checker's mutable state), while the module's own text costs 1-2 ms. So one run
 * in HEADER_EVERY keeps the seed's #include lines, and the others fuzz the same sources with their
 * #include lines taken out (what the sources themselves say goes through the lexer, the preprocessor's
 * directives, the parser, the checker and, when it still compiles, lowering). Both kinds get
 * the same mutations and the same checks. All cores run builds.
 *
 * -Dkplay.fuzz.runs=N changes the count (CI runs the full 100,000).
 */

/** Mutation fuzzing of the C toolchain. */
class ToolchainFuzzTest {
    static final int RUNS = Integer.getInteger("kplay.fuzz.runs", 100_000);
    static final int HEADER_EVERY = Integer.getInteger("kplay.fuzz.header-every", 40);
    static final long BOUND_MS = Long.getLong("kplay.fuzz.bound-ms", 20_000);
    static final String[] SNIPPETS = {"(", ")", "{", "}", "[", "]", ";", ",", "*", "&", "->", ".", "...", "#", "##",
        "\n#define X X X\n", "\n#include \"x.h\"\n", "\n#include <linux/nope.h>\n", "\n#if 1\n", "\n#endif\n", "\n#else\n",
        "\"", "'", "/*", "*/", "//", "\\\n", "0x", "1e9999", "0x7fffffffffffffffffff", "sizeof", "struct", "union {",
        "typedef", "static", "__init", "__exit", "return", "goto l;", "l:", "switch (x) { case 1: ; }", "int", "char *",
        "(((((((((", ")))))))))", "\u0000", "\u00ff", "\uffff", "?:", "=", "+=", "<<=", "__attribute__((", "asm(",
        "_Generic(", "__builtin_", "printk(", "kmalloc(", "MODULE_LICENSE(\"GPL\");", "module_init(", "L\"", "u8\"",
        "\n#define F(a, b) a ## b\n", "\n#define S(x) #x\n", "\n#undef F\n", "\n#ifdef X\n", "\n#elif 1\n", "\n#error e\n",
        "\n#pragma once\n", "\n#line 1\n", "__VA_ARGS__", "&&", "||", "!", "~", "-1", "0", "'\\0'", "\"\\x\"",
        "enum { A = 1 / 0 };", "int a[-1];", "static int f(void) { return f(); }", "struct s { struct s s; };"};
    /** C tokens, roughly: identifiers, numbers, strings, characters, and punctuators. */
    static final Pattern TOKEN = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*|\\d[\\w.]*|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|->|\\+\\+|--|<<=?|>>=?|[-+*/%&|^!=<>]=|&&|\\|\\||##|\\.\\.\\.|\\S");

    record Seed(String name, String withHeaders, String withoutHeaders) {}

    record Slowest(long ms, int run, String seed) {}

    static List<Seed> seeds() throws Exception {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                sources.put("golden/" + Path.of("src/test/resources/golden").relativize(p), Files.readString(p));
            }
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/gallery"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Object tree = JsonPath.read(Files.readString(p), "$");
                if (tree instanceof Map<?, ?> m && m.get("files") instanceof Map<?, ?> fs) {
                    for (Map.Entry<?, ?> f : fs.entrySet()) {
                        if (f.getKey().toString().endsWith(".c")) {
                            sources.put("gallery/" + p.getFileName() + ":" + f.getKey(), f.getValue().toString());
                        }
                    }
                }
            }
        }
        List<Seed> seeds = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String without = String.join("\n", e.getValue().lines().filter(l -> !l.trim().startsWith("#include")).toList());
            seeds.add(new Seed(e.getKey(), e.getValue(), without + "\n"));
        }
        return seeds;
    }

    @Test
    void mutatedSourcesEndInDiagnosticsOrSuccess() throws Exception {
        List<Seed> seeds = seeds();
        assertTrue(seeds.size() > 100, "golden and gallery sources to mutate: " + seeds.size());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong withHeaders = new AtomicLong();
        AtomicReference<Slowest> slowest = new AtomicReference<>(new Slowest(-1, -1, ""));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            jobs.add(pool.submit(() -> {
                for (int i = first; i < RUNS && failures.size() < 10; i += threads) {
                    Random r = new Random(0x6b706c6179L + i);
                    Seed seed = seeds.get(r.nextInt(seeds.size()));
                    boolean headers = i % HEADER_EVERY == 0;
                    String src = mutate(headers ? seed.withHeaders() : seed.withoutHeaders(), r);
                    long s = System.nanoTime();
                    try {
                        BuildResult b = Kbuild.build(Map.of("fuzz.c", src));
                        String outcome = outcome(b);
                        if (outcome == null) {
                            failures.add("run " + i + " (" + seed.name() + "): failed without a diagnostic:\n" + b.output());
                        } else {
                            outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (Throwable e) {
                        StringBuilder where = new StringBuilder();
                        for (StackTraceElement f : java.util.Arrays.copyOf(e.getStackTrace(), Math.min(6, e.getStackTrace().length))) {
                            where.append("\n    at ").append(f);
                        }
                        failures.add("run " + i + " (" + seed.name() + "): " + e + where + "\n--- source ---\n" + src);
                    }
                    long ms = (System.nanoTime() - s) / 1_000_000;
                    int run = i;
                    slowest.accumulateAndGet(new Slowest(ms, run, seed.name() + (headers ? "" : " without #include")),
                            (a, b) -> a.ms() >= b.ms() ? a : b);
                    if (headers) {
                        withHeaders.incrementAndGet();
                    }
                    if (ms > BOUND_MS) {
                        failures.add("run " + i + " (" + seed.name() + "): took " + ms + " ms");
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
        Slowest worst = slowest.get();
        System.out.println("[reliability] toolchain fuzz: " + RUNS + " mutated sources from " + seeds.size() + " seeds ("
                + withHeaders + " with their #include lines) in " + secs + " s on " + threads + " threads: "
                + new TreeMap<>(outcomes) + "; slowest " + worst.ms() + " ms (run " + worst.run() + ", " + worst.seed()
                + "); " + failures.size() + " failures");
        assertEquals(List.of(), failures);
        assertEquals(RUNS, outcomes.values().stream().mapToLong(AtomicLong::get).sum(), "every run ended");
    }

    /** What a build ended in: built, or the kind of diagnostic that stopped it; null if nothing says why. */
    static String outcome(BuildResult b) {
        String out = b.output();
        if (b.ok()) {
            return "built";
        }
        if (out.contains("took more than kplay's limit")) {
            return "stopped by the CPU limit";
        }
        if (out.contains("fatal error:") || out.contains("compilation terminated.")) {
            return "fatal error";
        }
        if (out.contains("ERROR: modpost:")) {
            return "modpost error";
        }
        if (out.contains(" error: ")) {
            return "compile error";
        }
        return out.contains("error") || out.contains("ERROR") ? "other error" : null;
    }

    static String mutate(String src, Random r) {
        StringBuilder b = new StringBuilder(src);
        int edits = 1 + r.nextInt(6);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(8)) {
                case 0 -> b.setLength(at);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(80)));
                case 2 -> {
                    int end = Math.min(b.length(), at + 1 + r.nextInt(200));
                    String span = b.substring(at, end);
                    b.insert(end, span.repeat(1 + r.nextInt(4)));
                }
                case 3 -> b.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                case 4 -> b.setCharAt(at, (char) r.nextInt(128));
                case 5, 6 -> tokenEdit(b, r);
                default -> b.insert(at, " " + SNIPPETS[r.nextInt(SNIPPETS.length)] + " " + SNIPPETS[r.nextInt(SNIPPETS.length)]);
            }
        }
        return b.toString();
    }

    /** Deletes, repeats or swaps whole C tokens (what a byte edit rarely makes: well-formed but wrong code). */
    static void tokenEdit(StringBuilder b, Random r) {
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(b);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        if (tokens.size() < 2) {
            return;
        }
        int[] t = tokens.get(r.nextInt(tokens.size()));
        int[] u = tokens.get(r.nextInt(tokens.size()));
        switch (r.nextInt(3)) {
            case 0 -> b.delete(t[0], t[1]);
            case 1 -> b.insert(t[1], " " + b.substring(u[0], u[1]));
            default -> {
                if (t[0] > u[0]) {
                    int[] x = t;
                    t = u;
                    u = x;
                }
                if (t[1] <= u[0]) {
                    String a = b.substring(t[0], t[1]);
                    String c = b.substring(u[0], u[1]);
                    b.replace(u[0], u[1], a);
                    b.replace(t[0], t[1], c);
                }
            }
        }
    }
}
