package dev.kplay.userland.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * mkdir, cp, depmod and modprobe as the golden case "modprobe" runs them on the reference system
 * (kmod 30): the messages it printed there, which the golden replay does not compare.
 */
class ModprobeTest {
    static String golden(String name) throws IOException {
        try (InputStream in = ModprobeTest.class.getResourceAsStream("/golden/ledger/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void depmodThenModprobeLoadsAndUnloadsWithDependencies() throws IOException {
        Session s = new Session("modprobe", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        for (String m : new String[] {"ledger_core.c", "ledger_shop.c", "ledger_bank.c"}) {
            s.putFile(m, golden(m));
        }
        assertTrue(s.build().ok());
        String dir = "/lib/modules/6.1.0-56-amd64";
        Shell.Result r = s.exec("modprobe ledger_shop", 60_000L);
        assertEquals("modprobe: FATAL: Module ledger_shop not found in directory " + dir + "\n", r.output());
        assertEquals(0, s.exec("mkdir -p /lib/modules/$(uname -r)/extra", 60_000L).exitCode());
        assertEquals(0, s.exec("cp ledger_core.ko ledger_shop.ko ledger_bank.ko /lib/modules/$(uname -r)/extra/", 60_000L)
                .exitCode());
        assertEquals(1, s.exec("modprobe ledger_shop", 60_000L).exitCode());
        r = s.exec("depmod", 60_000L);
        assertEquals("depmod: WARNING: could not open modules.order at " + dir + ": No such file or directory\n"
                + "depmod: WARNING: could not open modules.builtin at " + dir + ": No such file or directory\n"
                + "depmod: WARNING: could not open modules.builtin.modinfo at " + dir + ": No such file or directory\n",
                r.output());
        String dep = s.exec("cat /lib/modules/$(uname -r)/modules.dep", 60_000L).output();
        assertTrue(dep.contains("extra/ledger_shop.ko: extra/ledger_core.ko\n") && dep.contains("extra/ledger_core.ko:\n")
                && dep.contains("extra/ledger_bank.ko: extra/ledger_core.ko\n"), dep);
        assertEquals(0, s.exec("modprobe ledger_shop", 60_000L).exitCode());
        r = s.exec("modprobe -r ledger_core", 60_000L);
        assertEquals("modprobe: FATAL: Module ledger_core is in use.\n", r.output());
        assertEquals(1, r.exitCode());
        assertEquals(0, s.exec("modprobe -r ledger_shop", 60_000L).exitCode());
        assertEquals("Module                  Size  Used by\n", s.exec("lsmod", 60_000L).output());
        assertEquals(0, s.exec("modprobe -r ledger_bank", 60_000L).exitCode());     // not loaded: nothing to do
        r = s.exec("mkdir /tmp", 60_000L);
        assertEquals("mkdir: cannot create directory \u2018/tmp\u2019: File exists\n", r.output());
    }
    /** The golden case kthput: four modules copied to extra/, depmod, and modules.dep as kmod 30 wrote it. */
    @Test
    void depmodWritesModulesDepInKmodsHashOrder() throws IOException {
        String out;
        try (InputStream in = ModprobeTest.class.getResourceAsStream("/golden/kthput.out")) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String cat = "$ cat /lib/modules/$(uname -r)/modules.dep\n";
        int from = out.indexOf(cat) + cat.length();
        String real = out.substring(from, out.indexOf("=== dmesg", from));
        Session s = new Session("depmod", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        for (String m : new String[] {"ledger_core.c", "ledger_shop.c", "ledger_bank.c"}) {
            s.putFile(m, golden(m));
        }
        try (InputStream in = ModprobeTest.class.getResourceAsStream("/golden/kthput.c")) {
            s.putFile("kthput.c", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("mkdir -p /lib/modules/$(uname -r)/extra", 60_000L).exitCode());
        assertEquals(0, s.exec("cp kthput.ko ledger_bank.ko ledger_core.ko ledger_shop.ko /lib/modules/$(uname -r)/extra/",
                60_000L).exitCode());
        assertEquals(0, s.exec("depmod", 60_000L).exitCode());
        assertEquals(real, s.exec("cat /lib/modules/$(uname -r)/modules.dep", 60_000L).output());
    }
}
