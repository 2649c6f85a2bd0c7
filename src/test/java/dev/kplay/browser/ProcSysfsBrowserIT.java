package dev.kplay.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A seq_file /proc file and a sysfs knob used from the page: starts kplay on a random port and runs
 * {@code frontend/e2e/procsysfs.mjs}, which builds the golden modules seqiter.c and sysfsknob.c with
 * make in the page's terminal, loads them, reads /proc/planets with cat and head, writes
 * /sys/kernel/knob/level (a value in range, one out of range, the read-only counter) and unloads
 * them. The screenshots land in target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcSysfsBrowserIT {
    @LocalServerPort
    int port;

    @Test
    void seqFileAndSysfsKnobFromThePage() throws Exception {
        Path golden = Path.of("src/test/resources/golden").toAbsolutePath();
        String output = BrowserScript.run("procsysfs", "http://127.0.0.1:" + port + "/",
                golden.resolve("seqiter.c").toString(), golden.resolve("sysfsknob.c").toString());
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        assertTrue(output.contains("screenshot: " + screenshots.resolve("ps-01-proc-seqfile.png")), output);
        assertTrue(output.contains("screenshot: " + screenshots.resolve("ps-02-sysfs-knob.png")), output);
    }
}
