package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    @LocalServerPort
    int port;

    @Test
    void episodeTwoInChromium() throws Exception {
        Path golden = Path.of("src/test/resources/golden").toAbsolutePath();
        String output = BrowserScript.run("episode2", "http://127.0.0.1:" + port + "/",
                golden.resolve("chardev-noowner/chardev.c").toString(), golden.resolve("panicmod.c").toString());
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        assertTrue(output.contains("screenshot: " + screenshots.resolve("e2-01-dead-task.png")), output);
    }
}
