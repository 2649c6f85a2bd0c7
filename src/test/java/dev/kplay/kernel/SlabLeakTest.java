package dev.kplay.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kmem_cache_destroy() with an object left: SLUB's report and kmem_cache_destroy()'s WARN, line for
 * line as docs/oracle-pending/slableak.out recorded them on 6.1 (all but the object's offset, which
 * CONFIG_SLAB_FREELIST_RANDOM makes random there), and the cache stays.
 */
class SlabLeakTest {
    @Test
    void destroyingACacheWithObjectsLeftReportsThemAndWarns() throws IOException {
        Session s = new Session("slableak", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("slableak.c", Files.readString(Path.of("docs/oracle-pending/slableak.c")));
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod slableak.ko", 60_000L).exitCode());
        assertEquals(0, s.exec("rmmod slableak", 60_000L).exitCode());
        assertEquals("1\n", s.exec("grep -c conn_cache /proc/slabinfo", 60_000L).output());
        assertEquals("12832\n", s.exec("cat /proc/sys/kernel/tainted", 60_000L).output());
        List<String> got = s.dmesg().lines().map(l -> l.replaceFirst("^\\[[ 0-9.]+\\] ?", "")).toList();
        List<String> want = List.of(
                "=============================================================================",
                "BUG conn_cache (Tainted: G           OE     ): Objects remaining in conn_cache on __kmem_cache_shutdown()",
                "-----------------------------------------------------------------------------",
                "",
                "Slab 0x(____ptrval____) objects=56 used=1 fp=0x(____ptrval____) flags=0xfffffc0000200(slab|node=0|zone=1|lastcpupid=0x1fffff)",
                " slab_err+0xae/0xe7",
                " __kmem_cache_shutdown.cold+0x34/0xe9",
                " kmem_cache_destroy+0x51/0x150",
                "Disabling lock debugging due to kernel taint",
                "------------[ cut here ]------------",
                "RIP: 0010:kmem_cache_destroy+0x141/0x150",
                "---[ end trace 0000000000000000 ]---",
                "slableak: cache destroyed");
        int at = 0;
        for (String w : want) {
            int i = got.subList(at, got.size()).indexOf(w);
            assertTrue(i >= 0, "missing in order: " + w + "\n" + String.join("\n", got));
            at += i + 1;
        }
        assertTrue(got.stream().anyMatch(l -> l.matches("WARNING: CPU: 0 PID: \\d+ at mm/slab_common.c:493 "
                + "kmem_cache_destroy\\+0x141/0x150")), got.toString());
        assertTrue(got.stream().anyMatch(l -> l.matches("CPU: 0 PID: \\d+ Comm: rmmod Tainted: G    B      OE      .*")),
                got.toString());
        assertTrue(got.stream().anyMatch(l -> l.matches("Object 0x\\(____ptrval____\\) @offset=\\d+")), got.toString());
        assertTrue(got.stream().anyMatch(l -> l.matches("kmem_cache_destroy conn_cache: Slab cache still has objects when called "
                + "from slableak_exit\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[slableak\\]")), String.join("\n", got));
    }
}
