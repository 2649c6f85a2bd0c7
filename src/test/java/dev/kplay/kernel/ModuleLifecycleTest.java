package dev.kplay.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Episode I story on a hand-assembled hello-3 module. */
class ModuleLifecycleTest extends KernelTestSupport {

    @Test
    void hello3InitPrintsThenExitOopsOnFreedInitData() {
        writeFile("/root/hello-3.ko", Images.hello3().ko());
        assertEquals(0, insmod("/root/hello-3.ko", "", null));
        List<String> t = texts();
        int i = t.indexOf("hello_3: loading out-of-tree module taints kernel.");
        assertTrue(i > 0, String.join("\n", t));
        assertEquals("hello_3: module verification failed: signature and/or required key missing - tainting kernel", t.get(i + 1));
        assertEquals("Hello, world 3", t.get(i + 2));
        assertEquals("hello_3 16384 0 - Live 0xffffffffc0305000 (OE)\n", cat("/proc/modules"));

        int[] pid = new int[1];
        assertEquals(Kernel.DIED, rmmod("hello_3", pid));
        assertEquals(9, k.exitStatus(pid[0]));
        String d = dmesgText();
        assertTrue(d.contains("BUG: unable to handle page fault for address: ffffffffc030b000"), d);
        assertTrue(d.contains("#PF: supervisor read access in kernel mode"), d);
        assertTrue(d.contains("Oops: 0000 [#1] PREEMPT SMP NOPTI"), d);
        assertTrue(d.contains("CPU: 0 PID: " + pid[0] + " Comm: rmmod Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2"), d);
        assertTrue(d.contains("RIP: 0010:hello_3_exit+0x8/0x40 [hello_3]"), d);
        assertTrue(d.contains(" __do_sys_delete_module+0x1b9/0x330"), d);
        assertTrue(d.contains("Modules linked in: hello_3(OE-)"), d);
        assertTrue(d.contains("---[ end trace 0000000000000000 ]---"), d);
        assertEquals("hello_3 16384 -1 - Unloading 0xffffffffc0305000 (OE-)\n", cat("/proc/modules"));
        assertEquals("-1\ngoing\nOE\n", cat("/sys/module/hello_3/refcnt") + cat("/sys/module/hello_3/initstate")
                + cat("/sys/module/hello_3/taint"));
        assertEquals("12416\n", cat("/proc/sys/kernel/tainted"));
        assertEquals(-16, rmmod("hello_3", null));
        assertEquals(-16, insmod("/root/hello-3.ko", "", null));
    }

    @Test
    void sameStepsAfterRebootGiveIdenticalLogs() {
        writeFile("/root/hello-3.ko", Images.hello3().ko());
        insmod("/root/hello-3.ko", "", null);
        rmmod("hello_3", null);
        KernelTestSupport again = new KernelTestSupport();
        again.writeFile("/root/hello-3.ko", Images.hello3().ko());
        again.insmod("/root/hello-3.ko", "", null);
        again.rmmod("hello_3", null);
        assertEquals(dmesg(), again.dmesg());
    }

    @Test
    void duplicateAndMissingModules() {
        writeFile("/root/hello-3.ko", Images.hello3().ko());
        assertEquals(0, insmod("/root/hello-3.ko", "", null));
        assertEquals(-17, insmod("/root/hello-3.ko", "", null));
        assertEquals(-2, rmmod("nosuch", null));
        writeFile("/root/junk.ko", "not a module".getBytes());
        assertEquals(-8, insmod("/root/junk.ko", "", null));
    }

    @Test
    void bootLogStartsAndEndsLikeDebian() {
        List<String> t = texts();
        assertTrue(t.get(0).startsWith("Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)"));
        int run = t.indexOf("Run /init as init process");
        assertEquals(List.of("  with arguments:", "    /init", "  with environment:", "    HOME=/", "    TERM=linux"),
                t.subList(run + 1, run + 6));
        assertEquals("7\t4\t1\t7\n", cat("/proc/sys/kernel/printk"));
    }
}
