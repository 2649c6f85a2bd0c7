package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/*
 * A build stopped by the CPU limit depends on how busy the machine was, not on the sources: the
 * build cache must not keep it, or the same sources would fail for everyone until evicted.
 */

/** The build cache and the CPU limit. */
class OverLimitBuildTest {

    @Test
    void aBuildStoppedByTheCpuLimitIsNotCached() {
        String src = "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\nstatic int x = " + System.nanoTime() + ";\n";
        Map<String, String> files = Map.of("limit.c", src);
        BuildResult starved = Kbuild.build(files, 1);
        assertFalse(starved.ok(), starved.output());
        assertTrue(starved.output().contains("took more than kplay's limit of"), starved.output());
        BuildResult again = Kbuild.build(files);
        assertTrue(again.ok(), "the same sources with CPU time to spare build:\n" + again.output());
    }
}
