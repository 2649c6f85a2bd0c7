package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The story through a session: build hello-3.c, insmod, rmmod twice (expected/hello-3.out),
 * then Reboot and the same steps give byte-identical output, dmesg included.
 */
class Hello3StoryTest {
    final AtomicLong wall = new AtomicLong();

    static String golden(String name) throws IOException {
        try (InputStream in = Hello3StoryTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The story's terminal transcript and the kernel log after it. */
    static List<String> story(Session s) {
        List<String> out = new ArrayList<>();
        for (String line : List.of("insmod hello-3.ko", "rmmod hello_3", "rmmod hello_3", "lsmod", "cat /proc/modules")) {
            Shell.Result r = s.exec(line, 0L);
            out.add("$ " + line + "\n" + r.output() + "[exit " + r.exitCode() + (r.killed() ? " killed" : "") + "]\n");
        }
        out.add(s.dmesg());
        return out;
    }

    @Test
    void buildInsmodRmmodTwiceThenRebootIsIdentical() throws IOException {
        Session s = new Session("story", Kbuild::build, SessionLimits.defaults(), wall::get);
        s.putFile("hello-3.c", golden("hello-3.c"));
        BuildResult b = s.build();
        assertTrue(b.ok(), b.output());
        assertTrue(b.output().contains("  CC [M]  hello-3.o\n  MODPOST Module.symvers\nWARNING: modpost: hello-3.o: section mismatch "
                + "in reference: cleanup_module (section: .exit.text) -> hello3_data (section: .init.data)\n"), b.output());
        assertTrue(b.output().contains("  LD [M]  hello-3.ko\n"), b.output());

        List<String> first = story(s);
        assertEquals("$ insmod hello-3.ko\n[exit 0]\n", first.get(0));
        assertEquals("$ rmmod hello_3\nKilled\n[exit 137 killed]\n", first.get(1));
        assertEquals("$ rmmod hello_3\nrmmod: ERROR: Module hello_3 is in use\n[exit 1]\n", first.get(2));
        assertEquals("$ lsmod\nModule                  Size  Used by\nhello_3                16384  -1\n[exit 0]\n", first.get(3));
        assertTrue(first.get(4).matches("(?s).*hello_3 16384 -1 - Unloading 0x[0-9a-f]{16} \\(OE-\\)\n.*"), first.get(4));
        String dmesg = first.get(5);
        for (String want : List.of("hello_3: loading out-of-tree module taints kernel.",
                "hello_3: module verification failed: signature and/or required key missing - tainting kernel",
                "Hello, world 3", "BUG: unable to handle page fault for address: ffffffffc0", "Comm: rmmod Tainted: G           OE",
                "RIP: 0010:hello_3_exit+", "__do_sys_delete_module+", "Modules linked in: hello_3(OE-)",
                "---[ end trace 0000000000000000 ]---")) {
            assertTrue(dmesg.contains(want), want + "\n" + dmesg);
        }

        List<Event> log = s.events();
        wall.addAndGet(7_000_000_000L);
        s.reboot();
        assertEquals(first, story(s), "after Reboot the same steps give byte-identical output");
        Session replayed = Session.replay("r", log.subList(0, 2), Kbuild::build, SessionLimits.defaults(), wall::get);
        assertEquals(first, story(replayed), "replaying the files and the build gives the same transcript");
    }
}
