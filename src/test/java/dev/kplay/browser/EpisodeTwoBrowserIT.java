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
 * Episode II in a real browser: starts kplay on a random port and runs {@code frontend/e2e/episode2.mjs}
 * (playwright-core driving Debian's headless Chromium) against it: a char device without .owner,
 * removed while the shell holds it open, then read: the reader's oops, the recursive fault, and the
 * reader left in ps as a dead task that kill -9 cannot remove; then a panic() and the page saying the
 * kernel is dead until Reboot. The script prints a line per step and the paths of its screenshots
 * (target/screenshots/), which this test echoes. A missing Chromium or playwright-core fails the test with the command that
 * installs it rather than skipping: CI must not pass without having looked at the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EpisodeTwoBrowserIT {

    private static final long STORY_TIMEOUT_SECONDS = 300;

    @LocalServerPort
    int port;

    @Test
    void episodeTwoInChromium() throws Exception {
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
        Path golden = Path.of("src/test/resources/golden").toAbsolutePath();
        Process story = new ProcessBuilder("node", "e2e/episode2.mjs", "http://127.0.0.1:" + port + "/",
                golden.resolve("chardev-noowner/chardev.c").toString(), golden.resolve("panicmod.c").toString(),
                screenshots.toString())
                .directory(frontend.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> echo(story, output), "episode2-output");
        reader.start();
        if (!story.waitFor(STORY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            story.destroyForcibly();
            fail("the browser story did not finish in " + STORY_TIMEOUT_SECONDS + " s:\n" + output);
        }
        reader.join();
        assertEquals(0, story.exitValue(), "the browser story failed:\n" + output);
        assertTrue(output.toString().contains("episode2: PASSED"), output.toString());
        assertTrue(output.toString().contains("screenshot: " + screenshots.resolve("e2-01-dead-task.png")), output.toString());
    }

    private static void echo(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                System.out.println("[story] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            output.append("(reading the story's output failed: ").append(e.getMessage()).append(")\n");
        }
    }
}
