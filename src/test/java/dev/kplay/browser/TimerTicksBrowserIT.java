package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Time in a real browser ({@code frontend/e2e/ticker.mjs}): a timer module built and loaded from the
 * terminal keeps printing in the dmesg pane while nothing is typed, at the wall clock's pace, because
 * an open page lets the kernel's time follow the wall clock; after rmmod the ticks stop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimerTicksBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void aTimerModuleTicksLiveInTheDmesgPane() throws Exception {
        String out = BrowserScript.run("ticker", "http://127.0.0.1:" + port + "/");
        assertTrue(out.contains("ok - insmod ticker.ko: the first tick is in the dmesg pane"), out);
        assertTrue(out.contains("ticks appeared in"), out);
        assertTrue(out.contains("ok - rmmod ticker: the ticks stop"), out);
    }
}
