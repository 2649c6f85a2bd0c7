package dev.kplay.browser;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Episode III in a real browser: starts kplay on a random port and runs {@code frontend/e2e/episode3.mjs}
 * against it: a new system call in ~/linux's syscall_64.tbl and kernel/sys.c, make, Reboot into the
 * built kernel, test.c built with gcc and run: 0 and the kernel's dmesg line, then -1/EFAULT for a
 * 300-byte string and a bad pointer. Its screenshots land in target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EpisodeThreeBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void episodeThreeInChromium() throws Exception {
        Path dir = Path.of("src/test/resources/episode3").toAbsolutePath();
        String output = BrowserScript.run("episode3", "http://127.0.0.1:" + port + "/",
                dir.resolve("sys_stephen.c").toString(), dir.resolve("test.c").toString());
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        assertTrue(output.contains("screenshot: " + screenshots.resolve("e3-02-syscall.png")), output);
    }
}
