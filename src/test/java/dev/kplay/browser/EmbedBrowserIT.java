package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * kplay embedded cross-origin ({@code frontend/e2e/embed.mjs}): the repository's example host page
 * (docs/embed-example.html), served from a second localhost port, frames /embed and drives it only
 * through postMessage (ready, files, make, insmod, rmmod, results, dmesg records, reset).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kplay.http.sessions-per-minute=1000")
class EmbedBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void aHostPageOnAnotherOriginDrivesTheEmbed() throws Exception {
        String out = BrowserScript.run("embed", "http://127.0.0.1:" + port + "/");
        assertTrue(out.contains("ok - insmod and rmmod"), out);
        assertTrue(out.contains("ok - reset: a new session"), out);
    }
}
