package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sharing in a real browser ({@code frontend/e2e/share.mjs}): the Episode I story, Share, the short
 * link opened in a fresh browser context replays terminal and dmesg byte for byte, the timeline
 * steps back to after the first rmmod, and "Continue from here" forks a live session there; the
 * full (#s=) link replays the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kplay.http.sessions-per-minute=1000")
class ShareBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void shareReplayStepBackAndContinue() throws Exception {
        String out = BrowserScript.run("share", "http://127.0.0.1:" + port + "/");
        assertTrue(out.contains("ok - short link in a fresh context: terminal"), out);
        assertTrue(out.contains("ok - Continue from here"), out);
    }
}
