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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Time in a real browser: starts kplay on a random port and runs {@code frontend/e2e/ticker.mjs}
 * (playwright-core driving Debian's headless Chromium): a timer module built and loaded from the
 * terminal must keep printing in the dmesg pane while nothing is typed, at the wall clock's pace,
 * and stop after rmmod. A missing Chromium or playwright-core fails the test, as in EpisodeOneBrowserIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimerTicksBrowserIT {

    private static final long STORY_TIMEOUT_SECONDS = 120;

    @LocalServerPort
    int port;

    @Test
    void aTimerModuleTicksLiveInTheDmesgPane() throws Exception {
        Path frontend = Path.of("frontend").toAbsolutePath();
        String chromium = System.getenv().getOrDefault("KPLAY_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("Chromium is missing at " + chromium + ": run `apt-get update && apt-get install -y chromium` "
                    + "(./kplay test and .ci/run do this)");
        }
        if (!Files.isDirectory(frontend.resolve("node_modules/playwright-core"))) {
            fail("playwright-core is missing: run `npm ci` in frontend/ (the Maven build does it unless -Dfrontend.skip=true)");
        }
        if (!Files.exists(Path.of("target/classes/static/assets/index.js"))) {
            fail("the page is not built: run the Maven build without -Dfrontend.skip=true");
        }

        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Process story = new ProcessBuilder("node", "e2e/ticker.mjs", "http://127.0.0.1:" + port + "/", screenshots.toString())
                .directory(frontend.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> echo(story, output), "ticker-output");
        reader.start();
        if (!story.waitFor(STORY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            story.destroyForcibly();
            fail("the ticker story did not finish in " + STORY_TIMEOUT_SECONDS + " s:\n" + output);
        }
        reader.join();
        assertEquals(0, story.exitValue(), "the ticker story failed:\n" + output);
        assertTrue(output.toString().contains("ticker: PASSED"), output.toString());
        assertTrue(output.toString().contains("screenshot: " + screenshots.resolve("ticker-01-ticking.png")), output.toString());
    }

    private static void echo(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[ticker] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            output.append("(reading the story's output failed: ").append(e.getMessage()).append(")\n");
        }
    }
}
