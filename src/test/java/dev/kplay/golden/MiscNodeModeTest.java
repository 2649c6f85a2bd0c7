package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.session.Session;
import org.junit.jupiter.api.Test;

/**
 * The /dev node of a misc device carries the device's own .mode (misc_devnode()), as the oracle's
 * `ls -l /dev/miscseek` shows for the miscseek module (crw-rw-rw-); without a mode it is 0600.
 * The golden replay does not compare ls output (dates differ), so this test does.
 */
class MiscNodeModeTest {

    @Test
    void theNodeHasTheModeTheDriverAsksFor() {
        assertTrue(CaseReplay.resource("miscseek.out").contains("\ncrw-rw-rw-    1 root     root       10, 124 "));
        Session s = OracleCasesTest.newSession("misc-mode");
        CaseReplay.sources("miscseek").forEach(s::putFile);
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod miscseek.ko", 60_000L).exitCode());
        String ls = s.exec("ls -l /dev/miscseek", 60_000L).output();
        assertTrue(ls.startsWith("crw-rw-rw- 1 root root 10, 124 "), ls);
    }

    @Test
    void withoutAModeTheNodeIsForRootOnly() {
        Session s = OracleCasesTest.newSession("misc-mode0");
        CaseReplay.sources("miscseek").forEach((n, c) -> s.putFile(n, c.replace("\t.mode = 0666,\n", "")));
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod miscseek.ko", 60_000L).exitCode());
        assertTrue(s.exec("ls -l /dev/miscseek", 60_000L).output().startsWith("crw------- 1 root root 10, 124 "));
    }
}
