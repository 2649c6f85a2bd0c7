package dev.kplay.session;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.cc.kbuild.Vmlinux;
import dev.kplay.kernel.syscall.BuiltinCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/*
 * ~/linux in a session: the tree through the files API, `make` in the shell, reboot into the built
 * kernel and back to the stock one, and a replay of the event log rebuilding the same kernel.
 */
class KernelTreeTest {
    static final String TBL = "linux/" + Vmlinux.TBL;
    static final String SYS = "linux/" + Vmlinux.SYS_C;

    static Session session() {
        return new Session("tree", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
    }

    static void patch(Session s) {
        s.putFile(TBL, s.file(TBL).replace("450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n",
                "450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n451\tcommon\tstephen\t\t\tsys_stephen\n"));
        s.putFile(SYS, s.file(SYS) + """

                SYSCALL_DEFINE1(stephen, char __user *, msg)
                {
                	char buf[256];
                	long copied = strncpy_from_user(buf, msg, sizeof(buf));
                	if (copied < 0 || copied == sizeof(buf))
                		return -EFAULT;
                	printk(KERN_INFO "stephen syscall called with \\"%s\\"\\n", buf);
                	return 0;
                }
                """);
        s.putFile("linux/.config", s.file("linux/.config").replace("CONFIG_LOCALVERSION=\"\"", "CONFIG_LOCALVERSION=\"-stephen\""));
    }

    @Test
    void treeIsListedAndPathsAreChecked() {
        Session s = session();
        try {
            List<String> names = s.fileNames();
            assertTrue(names.contains("linux/kernel/sys.c"), names.toString());
            assertTrue(names.contains("linux/arch/x86/entry/syscalls/syscall_64.tbl"), names.toString());
            assertEquals(Vmlinux.stockTree().get(Vmlinux.TBL), s.file(TBL));
            for (String bad : List.of("linux/../etc/passwd", "linux/", "linux/a//b", "linux/./x", "linux/a/../../b")) {
                SessionException e = assertThrows(SessionException.class, () -> s.putFile(bad, "x"), bad);
                assertEquals(SessionException.Kind.BAD_REQUEST, e.kind());
            }
            assertThrows(SessionException.class, () -> s.file("linux/kernel/nothing.c"));
        } finally {
            s.close();
        }
    }

    @Test
    void makeRebootAndBackToStock() {
        Session s = session();
        try {
            patch(s);
            Shell_ r = new Shell_(s.exec("cd /root/linux && make -j2", null));
            assertEquals(0, r.code, r.out);
            assertTrue(r.out.contains("  CC      kernel/sys.o\n"), r.out);
            assertTrue(r.out.endsWith("Kernel: arch/x86/boot/bzImage is ready  (#2)\n"), r.out);
            assertEquals("6.1.0-56-amd64\n", s.exec("uname -r", null).output());
            s.reboot();
            assertEquals("6.1.192-stephen\n", s.exec("uname -r", null).output());
            String v = s.exec("uname -v", null).output();
            assertTrue(v.startsWith("#2 SMP PREEMPT_DYNAMIC "), v);
            String pv = s.exec("cat /proc/version", null).output();
            assertTrue(pv.startsWith("Linux version 6.1.192-stephen (root@kplay) (gcc-12"), pv);
            assertTrue(s.dmesg().contains("] " + pv.trim() + "\n"), s.dmesg());
            assertEquals("2\n", s.file("linux/.version"));
            String after = s.exec("cd /root/linux && make", null).output();
            assertTrue(after.endsWith("Kernel: arch/x86/boot/bzImage is ready  (#2)\n"), after);
            assertTrue(!after.contains("CC      kernel/sys.o"), after);

            Session replay = Session.replay("tree2", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
            try {
                assertEquals("6.1.192-stephen\n", replay.exec("uname -r", null).output());
                assertEquals(s.exec("uname -v", null).output(), replay.exec("uname -v", null).output());
            } finally {
                replay.close();
            }

            s.reboot(true);
            assertEquals("6.1.0-56-amd64\n", s.exec("uname -r", null).output());
            s.reboot();
            assertEquals("6.1.192-stephen\n", s.exec("uname -r", null).output());
        } finally {
            s.close();
        }
    }

    @Test
    void shellEditsSurviveRebootAndBadTableFailsTheBuild() {
        Session s = session();
        try {
            s.exec("cd /root/linux && sed -i 's/^450\\tcommon\\tset_mempolicy_home_node/449\\tcommon\\tset_mempolicy_home_node/' "
                    + "arch/x86/entry/syscalls/syscall_64.tbl", null);
            Shell_ r = new Shell_(s.exec("cd /root/linux && make", null));
            assertEquals(2, r.code, r.out);
            assertTrue(r.out.contains("error: duplicate case value"), r.out);
            s.reboot();
            assertTrue(s.file(TBL).contains("449\tcommon\tset_mempolicy_home_node"), "the edit is on disk");
            assertEquals("6.1.0-56-amd64\n", s.exec("uname -r", null).output());
        } finally {
            s.close();
        }
    }

    @Test
    void builtinCodeIsReachableFromTheSessionKernel() {
        assertTrue(BuiltinCode.NO_SUCH_ENTRY < 0);
    }

    /** A shell result's exit code and output. */
    record Shell_(int code, String out) {
        Shell_(dev.kplay.userland.sh.Shell.Result r) {
            this(r.exitCode() == null ? -1 : r.exitCode(), r.output());
        }
    }
}
