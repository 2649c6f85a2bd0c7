package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Downloads and saved work in a real browser ({@code frontend/e2e/work.mjs}): the sources, the built
 * .ko and the scenario come from the Download menu as named files; `clear` is recorded; a reload keeps
 * the session and its terminal; a new tab gets the work back by replay; a downloaded scenario file opens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kplay.http.sessions-per-minute=1000")
class WorkBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void downloadsReloadNewTabAndOpenFile() throws Exception {
        String out = BrowserScript.run("work", "http://127.0.0.1:" + port + "/");
        assertTrue(out.contains("ok - new tab: the work is back"), out);
        assertTrue(out.contains("ok - Open a scenario file"), out);
    }
}
