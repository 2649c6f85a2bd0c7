package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tutorial author's own lesson in a cross-origin embed ({@code frontend/e2e/lesson-embed.mjs}): the
 * host page serves the lesson Markdown and frames /embed?lesson=URL; its steps turn green from commands
 * the host sends by postMessage (kplay:lesson tells the host), never from a wrong one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kplay.http.sessions-per-minute=1000")
class LessonEmbedBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void anAuthorsLessonInAnEmbed() throws Exception {
        String out = BrowserScript.run("lesson-embed", "http://127.0.0.1:" + port + "/");
        assertTrue(out.contains("ok - Next step, rmmod counter: step 2 green"), out);
    }
}
