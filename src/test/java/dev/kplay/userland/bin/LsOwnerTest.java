package dev.kplay.userland.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ls -l names the owner and group of a file: root by name, any other id (proc_set_user()) as a number. */
class LsOwnerTest {
    @Test
    void anEntryOwnedByAnotherUserShowsItsIds() {
        Session s = new Session("lsowner", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("owned.c", "#include <linux/module.h>\n#include <linux/proc_fs.h>\nMODULE_LICENSE(\"GPL\");\n"
                + "static const struct proc_ops ops;\n"
                + "static int __init o_init(void) {\n"
                + "  proc_set_user(proc_create(\"owned\", 0644, NULL, &ops), KUIDT_INIT(1000), KGIDT_INIT(100));\n"
                + "  proc_create(\"rooted\", 0644, NULL, &ops);\n  return 0; }\n"
                + "static void __exit o_exit(void) { remove_proc_entry(\"owned\", NULL); remove_proc_entry(\"rooted\", NULL); }\n"
                + "module_init(o_init);\nmodule_exit(o_exit);\n");
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod owned.ko", 60_000L).exitCode());
        List<String> lines = s.exec("ls -l /proc/owned /proc/rooted", 60_000L).output().lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("-rw-r--r-- 1 1000 100  0 .* /proc/owned"), lines.get(0));
        assertTrue(lines.get(1).matches("-rw-r--r-- 1 root root 0 .* /proc/rooted"), lines.get(1));
    }
}
