package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of frontend/e2e's browser scripts (playwright-core driving Debian's Chromium) and fails
 * with its output unless it exits 0 and prints "NAME: PASSED". A missing Chromium, playwright-core
 * or built page fails with the command that fixes it: CI must not pass without having looked.
 */
final class BrowserScript {
    private static final long TIMEOUT_SECONDS = 400;

    private BrowserScript() {}

    /** {@code node e2e/SCRIPT.mjs ARGS... SCREENSHOT_DIR}; returns its output. */
    static String run(String name, String... args) throws Exception {
        Path frontend = Path.of("frontend").toAbsolutePath();
        String chromium = System.getenv().getOrDefault("KPLAY_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("Chromium is missing at " + chromium + ": run `apt-get update && apt-get install -y chromium`");
        }
        if (!Files.isDirectory(frontend.resolve("node_modules/playwright-core"))) {
            fail("playwright-core is missing: run `npm ci` in frontend/");
        }
        if (!Files.exists(Path.of("target/classes/static/assets/index.js"))) {
            fail("the page is not built: run the Maven build without -Dfrontend.skip=true");
        }
        List<String> cmd = new ArrayList<>(List.of("node", "e2e/" + name + ".mjs"));
        cmd.addAll(List.of(args));
        cmd.add(Path.of("target/screenshots").toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd).directory(frontend.toFile()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> echo(name, p, output), name + "-output");
        reader.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + output);
        }
        reader.join();
        assertEquals(0, p.exitValue(), name + " failed:\n" + output);
        assertTrue(output.toString().contains(name + ": PASSED"), output.toString());
        return output.toString();
    }

    private static void echo(String name, Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[" + name + "] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            output.append("(reading the output failed: ").append(e.getMessage()).append(")\n");
        }
    }
}
