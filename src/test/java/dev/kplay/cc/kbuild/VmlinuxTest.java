package dev.kplay.cc.kbuild;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelConfig;
import dev.kplay.kernel.KernelImage;
import dev.kplay.kernel.syscall.BuiltinCode;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.kernel.mm.PageBudget;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make in ~/linux: Episode III's edits build, boot and dispatch; bad tables fail as 6.1's build fails. */
class VmlinuxTest {
    static final String DATE = "Sun Dec  6 23:20:00 UTC 2026";
    static final String HELLO = """

            SYSCALL_DEFINE1(stephen, char __user *, msg)
            {
            	char buf[256];
            	long copied = strncpy_from_user(buf, msg, sizeof(buf));
            	if (copied < 0 || copied == sizeof(buf))
            		return -EFAULT;
            	printk(KERN_INFO "stephen syscall called with \\"%s\\"\\n", buf);
            	return 0;
            }
            """;

    static Map<String, String> episode3(String localversion) {
        Map<String, String> t = new LinkedHashMap<>(Vmlinux.stockTree());
        t.put(Vmlinux.TBL, t.get(Vmlinux.TBL).replace(
                "450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n",
                "450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n451\tcommon\tstephen\t\t\tsys_stephen\n"));
        t.put(Vmlinux.SYS_C, t.get(Vmlinux.SYS_C) + HELLO);
        t.put(".config", t.get(".config").replace("CONFIG_LOCALVERSION=\"\"", "CONFIG_LOCALVERSION=\"" + localversion + "\""));
        return t;
    }

    @Test
    void stockTreeCompiles() {
        assertNotNull(Vmlinux.stockObject());
        assertEquals("6.1.192", Vmlinux.release(Vmlinux.stockTree()));
    }

    @Test
    void episode3BuildsBootsAndDispatches() {
        Vmlinux.Result r = Vmlinux.make(episode3("-stephen"), Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertTrue(r.ok(), r.output());
        assertTrue(r.output().contains("  SYSTBL  arch/x86/include/generated/asm/syscalls_64.h\n"), r.output());
        assertTrue(r.output().contains("  CC      kernel/sys.o\n"), r.output());
        assertTrue(r.output().endsWith("Kernel: arch/x86/boot/bzImage is ready  (#2)\n"), r.output());
        assertEquals("2\n", r.version());
        KernelImage img = r.image();
        assertEquals("6.1.192-stephen", img.release());
        assertEquals("#2 SMP PREEMPT_DYNAMIC " + DATE, img.version());
        assertEquals("sys_stephen", img.syscalls().entryPoint(451));

        Kernel k = Kernel.boot(KernelConfig.defaults(), PageBudget.unlimited(), img);
        try {
            assertEquals("Linux version 6.1.192-stephen (root@kplay) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, "
                    + "GNU ld (GNU Binutils for Debian) 2.40) #2 SMP PREEMPT_DYNAMIC " + DATE, k.log().records().get(0).text());
            assertEquals("6.1.192-stephen", k.uname(1)[2]);
            int pid = k.spawn(1, "test", List.of("./test"));
            long page = 0x0000000000600000L;
            k.memory().map(page, 4096);
            k.memory().writeCString(page, "Hello World!");
            BuiltinCode b = k.builtin();
            assertTrue(b.provides("sys_stephen"));
            assertEquals(0, b.call(pid, 451, "sys_stephen", new long[] {page}));
            List<LogRecord> recs = k.log().records();
            assertEquals("stephen syscall called with \"Hello World!\"", recs.get(recs.size() - 1).text());
            k.memory().writeCString(page, "x".repeat(300));
            assertEquals(-14, b.call(pid, 451, "sys_stephen", new long[] {page}));
            assertEquals(-14, b.call(pid, 451, "sys_stephen", new long[] {0x10}));
            assertEquals(BuiltinCode.NO_SUCH_ENTRY, b.call(pid, 452, "sys_nothing", new long[0]));
            assertEquals(0, b.call(pid, "sys_getuid", new long[0]));
        } finally {
            k.release();
        }
    }

    @Test
    void noChangeRebuildOnlyReportsTheImage() {
        Vmlinux.Result r = Vmlinux.make(Vmlinux.stockTree(), Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertTrue(r.ok());
        assertEquals("  CALL    scripts/checksyscalls.sh\n  DESCEND objtool\n  DESCEND bpf/resolve_btfids\n"
                + "Kernel: arch/x86/boot/bzImage is ready  (#1)\n", r.output());
        assertNull(r.image());
    }

    @Test
    void duplicateNumberIsGccsDuplicateCaseValue() {
        Map<String, String> t = episode3("");
        t.put(Vmlinux.TBL, t.get(Vmlinux.TBL).replace("451\tcommon\tstephen", "450\tcommon\tstephen"));
        Vmlinux.Result r = Vmlinux.make(t, Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertFalse(r.ok());
        assertTrue(r.output().contains("""
                ./arch/x86/include/generated/asm/syscalls_64.h: In function ‘x64_sys_call’:
                arch/x86/entry/syscall_64.c:25:28: error: duplicate case value
                """), r.output());
        assertTrue(r.output().contains("  452 | __SYSCALL(450, sys_stephen)\n"), r.output());
        assertTrue(r.output().contains("  451 | __SYSCALL(450, sys_set_mempolicy_home_node)\n"), r.output());
        assertTrue(r.output().endsWith("make: *** [Makefile:2065: .] Error 2\n"), r.output());
    }

    @Test
    void entryWithoutCodeIsAnUndefinedReference() {
        Map<String, String> t = episode3("");
        t.put(Vmlinux.SYS_C, Vmlinux.stockTree().get(Vmlinux.SYS_C));
        Vmlinux.Result r = Vmlinux.make(t, Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertFalse(r.ok());
        assertTrue(r.output().contains("undefined reference to `__x64_sys_stephen'\n"), r.output());
        assertTrue(r.output().endsWith("make: *** [Makefile:1296: vmlinux] Error 2\n"), r.output());
    }

    @Test
    void compileErrorsAreGccsAndStopTheBuild() {
        Map<String, String> t = episode3("");
        t.put(Vmlinux.SYS_C, t.get(Vmlinux.SYS_C).replace("return -EFAULT;", "return -EFAULT"));
        Vmlinux.Result r = Vmlinux.make(t, Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertFalse(r.ok());
        assertTrue(r.output().contains("kernel/sys.c:"), r.output());
        assertTrue(r.output().contains("make[2]: *** [scripts/Makefile.build:255: kernel/sys.o] Error 1\n"), r.output());
    }

    @Test
    void missingTreeFilesAreMakesNoRule() {
        Map<String, String> t = new LinkedHashMap<>(Vmlinux.stockTree());
        t.remove(Vmlinux.SYS_C);
        Vmlinux.Result r = Vmlinux.make(t, Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertEquals(2, r.status());
        assertTrue(r.output().contains("make[2]: *** No rule to make target 'kernel/sys.o', needed by 'kernel/built-in.a'.  Stop.\n"), r.output());
        t = new LinkedHashMap<>(Vmlinux.stockTree());
        t.remove(Vmlinux.TBL);
        r = Vmlinux.make(t, Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE);
        assertTrue(r.output().endsWith("make: *** [arch/x86/Makefile:242: archheaders] Error 2\n"), r.output());
        assertEquals("make: *** No targets specified and no makefile found.  Stop.\n",
                Vmlinux.make(Map.of(), Vmlinux.stockTree(), Vmlinux.Target.ALL, DATE).output());
    }
}
