package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Episode I story in a real browser: starts kplay on a random port and runs
 * {@code frontend/e2e/story.mjs} (playwright-core driving Debian's headless Chromium) against it:
 * Build, insmod, rmmod (Killed and the oops), rmmod again (in use), the modules pane, Reboot.
 * The script prints a line per step and the paths of its screenshots (target/screenshots/), which
 * this test echoes. A missing Chromium or playwright-core fails the test with the command that
 * installs it rather than skipping: CI must not pass without having looked at the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EpisodeOneBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void episodeOneStoryInChromium() throws Exception {
        String output = BrowserScript.run("story", "http://127.0.0.1:" + port + "/");
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        assertTrue(output.contains("screenshot: " + screenshots.resolve("02-after-oops.png")), output);
    }
}
