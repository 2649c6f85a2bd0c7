package dev.kplay.kernel;

import dev.kplay.vm.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kplay.kernel.Images.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loader failure paths, taints, and the reports of oopses, BUGs and runaway loops. */
class ModuleFailuresTest extends KernelTestSupport {

    static Images simple(String name, long ret, String license) {
        Images m = new Images(name).license(license);
        int s = m.string("\0016" + name + ": loaded\n");
        int printk = m.extern("_printk");
        m.function(name + "_init", ".init.text", i(Op.SYM, s), i(Op.CALL, printk, 1), i(Op.DROP), i(Op.CONST, ret), i(Op.RET));
        m.function(name + "_exit", ".exit.text", i(Op.CONST, 0), i(Op.RET));
        m.init = name + "_init";
        m.exit = name + "_exit";
        return m;
    }

    @Test
    void initErrorUnwinds() {
        writeFile("/root/e.ko", simple("init_enomem", -12, "GPL").ko());
        assertEquals(-12, insmod("/root/e.ko", "", null));
        assertEquals("", cat("/proc/modules"));
        assertEquals(-2, rmmod("init_enomem", null));
    }

    @Test
    void proprietaryTaintsInTheRealOrder() {
        writeFile("/root/p.ko", simple("proprietary", 0, "Proprietary").ko());
        assertEquals(0, insmod("/root/p.ko", "", null));
        List<String> t = texts();
        int i = t.indexOf("proprietary: loading out-of-tree module taints kernel.");
        assertEquals(List.of("proprietary: loading out-of-tree module taints kernel.",
                "proprietary: module license 'Proprietary' taints kernel.",
                "Disabling lock debugging due to kernel taint",
                "proprietary: module verification failed: signature and/or required key missing - tainting kernel",
                "proprietary: loaded"), t.subList(i, i + 5));
        assertEquals("12289\n", cat("/proc/sys/kernel/tainted"));
        assertEquals("POE\n", cat("/sys/module/proprietary/taint"));
        assertEquals("POE", k.snapshot().taintFlags());
        assertEquals(0, rmmod("proprietary", null));
        writeFile("/root/q.ko", simple("second", 0, "GPL").ko());
        assertEquals(0, insmod("/root/q.ko", "", null));
        assertEquals("second: loaded", texts().get(texts().size() - 1));
    }

    @Test
    void unknownSymbol() {
        Images m = simple("undef", 0, "GPL");
        int f = m.extern("no_such_function");
        m.function("undef_helper", ".text", i(Op.CALL, f, 0), i(Op.RET));
        writeFile("/root/u.ko", m.ko());
        assertEquals(-2, insmod("/root/u.ko", "", null));
        assertTrue(texts().contains("undef: Unknown symbol no_such_function (err -2)"));
        assertEquals("", cat("/proc/modules"));
    }

    @Test
    void nullDereferenceInInitLeavesTheModuleLoading() {
        Images m = new Images("nullderef");
        m.function("nullderef_init", ".init.text", i(Op.CONST, 0), i(Op.CONST, 42), i(Op.ST4), i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.function("nullderef_exit", ".exit.text", i(Op.CONST, 0), i(Op.RET));
        m.init = "nullderef_init";
        m.exit = "nullderef_exit";
        writeFile("/root/n.ko", m.ko());
        int[] pid = new int[1];
        assertEquals(Kernel.DIED, insmod("/root/n.ko", "", pid));
        assertEquals(9, k.exitStatus(pid[0]));
        String d = dmesgText();
        assertTrue(d.contains("BUG: kernel NULL pointer dereference, address: 0000000000000000"), d);
        assertTrue(d.contains("#PF: supervisor write access in kernel mode"), d);
        assertTrue(d.contains("#PF: error_code(0x0002) - not-present page"), d);
        assertTrue(d.contains("PGD 0 P4D 0 \n"), d);
        assertTrue(d.contains("Oops: 0002 [#1] PREEMPT SMP NOPTI"), d);
        assertTrue(d.contains("RIP: 0010:nullderef_init+0x8/0x40 [nullderef]"), d);
        assertTrue(d.contains(" do_one_initcall+0x59/0x220\n"), d);
        assertTrue(d.contains(" do_init_module+0x4a/0x1f0\n"), d);
        assertTrue(d.contains(" __do_sys_finit_module+0xac/0x120\n"), d);
        assertTrue(d.contains("Modules linked in: nullderef(OE+)"), d);
        assertTrue(d.contains("CR2: 0000000000000000\n"), d);
        assertTrue(cat("/proc/modules").matches("nullderef 28672 1 - Loading 0xffffffffc0[0-9a-f]{6} \\(OE\\+\\)\n"), cat("/proc/modules"));
        assertEquals(1, k.snapshot().modules().get(0).refcnt());
        assertEquals(16384, k.snapshot().modules().get(0).size());
        assertEquals(-16, rmmod("nullderef", null));
        assertEquals("12416\n", cat("/proc/sys/kernel/tainted"));
    }

    /** 250 ns per instruction and 100M per request: a runaway loop reaches the watchdog in under a second of test time. */
    @Override
    KernelConfig config() {
        KernelConfig d = KernelConfig.defaults();
        return new KernelConfig(d.memoryBytes(), d.maxTasks(), d.logBufferBytes(), 100_000_000L, 250L);
    }

    @Test
    void runawayLoopGetsTheSoftLockupReportAndKeepsRunning() {
        Images m = new Images("spin");
        m.function("spin_init", ".init.text", i(Op.JMP, 0));
        m.init = "spin_init";
        writeFile("/root/s.ko", m.ko());
        int[] pid = new int[1];
        // the syscall runs on for a minute of virtual time (Scheduler.RUN_ON) before coming back still running;
        // the first report comes at the 7th sample after boot's touch: the load's console lines restarted the period
        assertEquals(Kernel.RUNNING, insmod("/root/s.ko", "", pid));
        String d = dmesgText();
        assertTrue(d.contains("watchdog: BUG: soft lockup - CPU#0 stuck for 26s! [insmod:" + pid[0] + "]"), d);
        assertTrue(d.contains("Modules linked in: spin(OE+)"), d);
        assertTrue(d.contains("RIP: 0010:spin_init+0x0/0x40 [spin]"), d);
        assertEquals('R', k.snapshot().tasks().stream().filter(t -> t.pid() == pid[0]).findFirst().get().state());
        assertEquals("OEL", k.snapshot().taintFlags());
        assertEquals(-1, k.exitStatus(pid[0]));
        assertTrue(cat("/proc/" + pid[0] + "/stack").contains("spin_init+0x0/0x40 [spin]"));
        assertTrue(d.contains("watchdog: BUG: soft lockup - CPU#0 stuck for 52s! [insmod:" + pid[0] + "]"), d);
        assertTrue(!d.contains("stuck for 78s"), d);
        k.advanceTime(30_000_000_000L);
        assertTrue(dmesgText().contains("watchdog: BUG: soft lockup - CPU#0 stuck for 78s! [insmod:" + pid[0] + "]"));
        assertTrue(!dmesgText().contains("stuck for 104s"));
    }

    @Test
    void bugIsAnInvalidOpcodeReport() {
        Images m = new Images("bug");
        m.function("bug_init", ".init.text", i(Op.LINE, 12), i(Op.TRAP, 12));
        m.init = "bug_init";
        writeFile("/root/b.ko", m.ko());
        assertEquals(Kernel.DIED, insmod("/root/b.ko", "", null));
        String d = dmesgText();
        assertTrue(d.contains("kernel BUG at bug.c:12!"), d);
        assertTrue(d.contains("invalid opcode: 0000 [#1] PREEMPT SMP NOPTI"), d);
    }

    @Test
    void deepRecursionOverflowsTheKernelStack() {
        Images m = new Images("deep");
        m.function("deep_init", ".init.text", i(Op.CALL, 0, 0), i(Op.RET));
        m.init = "deep_init";
        writeFile("/root/d.ko", m.ko());
        // the overflow is caught on the double-fault stack: oops_end() panics, and the kernel is dead
        insmod("/root/d.ko", "", null);
        assertTrue(k.panicked());
        String d = dmesgText();
        assertTrue(d.contains("BUG: TASK stack guard page was hit at (____ptrval____)"), d);
        assertTrue(d.contains("stack guard page: 0000 [#1] PREEMPT SMP NOPTI"), d);
        assertTrue(d.contains("Kernel panic - not syncing: Fatal exception in interrupt"), d);
    }

    @Test
    void hugeKmallocWarnsOnceAndReturnsNull() {
        Images m = new Images("big");
        int kmalloc = m.extern("__kmalloc");
        m.function("big_init", ".init.text", i(Op.CONST, 64 << 20), i(Op.CONST, 0xcc0), i(Op.CALL, kmalloc, 2),
                i(Op.CONST, 64 << 20), i(Op.CONST, 0xcc0), i(Op.CALL, kmalloc, 2), i(Op.OR), i(Op.RET));
        m.init = "big_init";
        writeFile("/root/big.ko", m.ko());
        assertEquals(0, insmod("/root/big.ko", "", null));
        String d = dmesgText();
        assertTrue(d.contains("WARNING: CPU: 0 PID: "), d);
        assertTrue(d.contains(" at mm/page_alloc.c:5634 __alloc_pages+0x2a9/0x330\n"), d);
        assertTrue(d.contains(" big_init+0x8/0x40 [big]\n"), d);
        assertEquals(d.indexOf("WARNING: CPU"), d.lastIndexOf("WARNING: CPU"));
        assertEquals("12800\n", cat("/proc/sys/kernel/tainted"));
    }
}
