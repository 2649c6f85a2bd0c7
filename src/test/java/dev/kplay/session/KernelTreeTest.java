package dev.kplay.session;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.cc.kbuild.Vmlinux;
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
    void aScenarioCarriesTheTreeAndTheBuild() {
        Session donor = session();
        patch(donor);
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String f : List.of(TBL, SYS, "linux/.config")) {
            files.put(f, donor.file(f));
        }
        donor.close();
        Session s = session();
        try {
            s.runScenario(new Scenario(files, List.of("cd /root/linux && make bzImage")));
            s.reboot();
            assertEquals("6.1.192-stephen\n", s.exec("uname -r", null).output());
        } finally {
            s.close();
        }
    }

    @Test
    void aSharedLinkReplaysTheTreeTheBuildAndTheBoot() {
        Session s = session();
        try {
            patch(s);
            s.exec("cd /root/linux && make", 60_000L);
            s.reboot();
            dev.kplay.scenario.ScenarioPlayer player = new dev.kplay.scenario.ScenarioPlayer(Kbuild::build,
                    SessionLimits.defaults().fastForward(), System::nanoTime);
            dev.kplay.scenario.ScenarioCodec codec = new dev.kplay.scenario.ScenarioCodec(
                    dev.kplay.scenario.ScenarioCodec.Limits.defaults());
            dev.kplay.scenario.Scenario shared = codec.read(codec.write(player.record(s.events(), "Episode III", "")));
            Session replayed = player.playAlone(shared).session();
            try {
                assertEquals("6.1.192-stephen\n", replayed.exec("uname -r", null).output());
                assertEquals(s.exec("uname -v", null).output(), replayed.exec("uname -v", null).output());
                assertEquals(s.file(SYS), replayed.file(SYS));
            } finally {
                replayed.close();
            }
        } finally {
            s.close();
        }
    }

    static final String TEST_C = """
            #define _GNU_SOURCE
            #include <unistd.h>
            #include <sys/syscall.h>
            #include <stdio.h>
            #include <string.h>
            #include <errno.h>

            #define SYS_stephen 451

            int main(int argc, char **argv)
            {
            	if (argc <= 1) {
            		printf("Must provide a string to give to system call.\\n");
            		return -1;
            	}
            	char *arg = argv[1];
            	if (strcmp(arg, "bad") == 0)
            		arg = (char *)16;
            	printf("Making system call with \\"%s\\".\\n", argc > 1 && arg == argv[1] ? arg : "(bad pointer)");
            	long res = syscall(SYS_stephen, arg);
            	printf("System call returned %ld.\\n", res);
            	if (res < 0)
            		printf("errno %d: %s\\n", errno, strerror(errno));
            	return res;
            }
            """;

    @Test
    void episodeThreeEndToEnd() {
        Session s = session();
        try {
            patch(s);
            s.putFile("test.c", TEST_C);
            assertEquals(0, s.exec("cd /root/linux && make", 60_000L).exitCode());
            s.reboot();
            assertEquals(0, s.exec("gcc -o test test.c", 60_000L).exitCode(), s.exec("gcc -o test test.c", 60_000L).output());
            Shell_ ok = new Shell_(s.exec("./test 'Hello World!'", 60_000L));
            assertEquals("Making system call with \"Hello World!\".\nSystem call returned 0.\n", ok.out);
            assertEquals(0, ok.code);
            assertTrue(s.dmesg().endsWith("] stephen syscall called with \"Hello World!\"\n"), s.dmesg());
            Shell_ tooLong = new Shell_(s.exec("./test " + "x".repeat(300), 60_000L));
            assertTrue(tooLong.out.endsWith("System call returned -1.\nerrno 14: Bad address\n"), tooLong.out);
            Shell_ bad = new Shell_(s.exec("./test bad", 60_000L));
            assertTrue(bad.out.endsWith("System call returned -1.\nerrno 14: Bad address\n"), bad.out);
            Shell_ none = new Shell_(s.exec("sed -i 's/451/452/' test.c && gcc -o test test.c && ./test hi", 60_000L));
            assertTrue(none.out.endsWith("System call returned -1.\nerrno 38: Function not implemented\n"), none.out);
        } finally {
            s.close();
        }
    }

    /** A shell result's exit code and output. */
    record Shell_(int code, String out) {
        Shell_(dev.kplay.userland.sh.Shell.Result r) {
            this(r.exitCode() == null ? -1 : r.exitCode(), r.output());
        }
    }
}
