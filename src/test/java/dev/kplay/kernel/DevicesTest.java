package dev.kplay.kernel;

import dev.kplay.vm.Op;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static dev.kplay.kernel.Images.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A misc device whose read sleeps in wait_event forever: D state, module in use, hung-task report. */
class DevicesTest extends KernelTestSupport {

    static Images dstate() {
        return dstate(true);
    }

    static Images dstate(boolean owner) {
        return dstate(owner, 2);
    }

    /** The same device, its read sleeping in {@code state} (TASK_UNINTERRUPTIBLE 2, INTERRUPTIBLE 1, KILLABLE 0x102). */
    static Images dstate(boolean owner, int state) {
        Images m = new Images("dstate");
        m.sections.add(new Section(".data", 24 + 80, 8, new byte[104]));
        int wq = ParamsAndProcTest.sym(m, "dstate_wq", ".data", 0);
        int dev = ParamsAndProcTest.sym(m, "dstate_dev", ".data", 24);
        ByteBuffer fops = ByteBuffer.allocate(272).order(ByteOrder.LITTLE_ENDIAN);
        m.sections.add(new Section(".rodata", 272, 8, fops.array()));
        int fopsSym = ParamsAndProcTest.sym(m, "dstate_fops", ".rodata", 0);
        ByteBuffer misc = ByteBuffer.wrap(m.sections.get(0).bytes()).order(ByteOrder.LITTLE_ENDIAN);
        misc.putInt(24, 255);
        m.relocs.add(new Relocation(".data", 8, wq, 8));
        m.relocs.add(new Relocation(".data", 16, wq, 8));
        int name = m.string("dstate");
        m.relocs.add(new Relocation(".data", 24 + 8, name, 0));
        m.relocs.add(new Relocation(".data", 24 + 16, fopsSym, 0));
        int thisModule = m.extern("__this_module");
        if (owner) {
            m.relocs.add(new Relocation(".rodata", 0, thisModule, 0));
        }
        int initWait = m.extern("init_wait_entry");
        int prepare = m.extern("prepare_to_wait_event");
        int schedule = m.extern("schedule");
        int miscRegister = m.extern("misc_register");
        int miscDeregister = m.extern("misc_deregister");
        int read = m.function("dstate_read", ".text",
                i(Op.LOCAL, 32), i(Op.CONST, 0), i(Op.CALL, initWait, 2), i(Op.DROP),
                i(Op.SYM, wq), i(Op.LOCAL, 32), i(Op.CONST, state), i(Op.CALL, prepare, 3), i(Op.DROP),
                i(Op.CALL, schedule, 0), i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.relocs.add(new Relocation(".rodata", 16, read, 0));
        m.function("dstate_init", ".init.text", i(Op.SYM, dev), i(Op.CALL, miscRegister, 1), i(Op.RET));
        m.function("dstate_exit", ".exit.text", i(Op.SYM, dev), i(Op.CALL, miscDeregister, 1), i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.init = "dstate_init";
        m.exit = "dstate_exit";
        var f = m.functions.get(0);
        m.functions.set(0, new dev.kplay.ko.Function(f.name(), f.section(), f.offset(), f.size(), f.global(), f.variadic(),
                List.of(new dev.kplay.ko.Function.Param(0, 8), new dev.kplay.ko.Function.Param(8, 8),
                        new dev.kplay.ko.Function.Param(16, 8), new dev.kplay.ko.Function.Param(24, 8)),
                80, f.code(), f.pcOffsets(), f.lines()));
        return m;
    }

    /** The signal rules: INTERRUPTIBLE wakes on any signal, KILLABLE on SIGKILL only, UNINTERRUPTIBLE on none. */
    @Test
    void signalsWakeInterruptibleAndKillableSleepersAsLinuxDoes() {
        writeFile("/root/s.ko", dstate(true, 1).ko());
        assertEquals(0, insmod("/root/s.ko", "", null));
        int cat = k.spawn(1, "cat", List.of("cat", "/dev/dstate"));
        long fd = k.open(cat, "/dev/dstate", 0, 0);
        assertNull(k.read(cat, (int) fd, 4096));
        assertEquals('S', k.snapshot().tasks().stream().filter(t -> t.pid() == cat).findFirst().get().state());
        assertEquals(0, k.kill(cat, 2));
        assertEquals(2, k.exitStatus(cat));
        assertEquals(0, rmmod("dstate", null));

        writeFile("/root/k.ko", dstate(true, 0x102).ko());
        assertEquals(0, insmod("/root/k.ko", "", null));
        int cat2 = k.spawn(1, "cat", List.of("cat", "/dev/dstate"));
        long fd2 = k.open(cat2, "/dev/dstate", 0, 0);
        assertNull(k.read(cat2, (int) fd2, 4096));
        assertEquals('D', k.snapshot().tasks().stream().filter(t -> t.pid() == cat2).findFirst().get().state());
        assertEquals(0, k.kill(cat2, 17));      // SIGCHLD: ignored by default, not fatal: the killable sleep goes on
        assertEquals(-1, k.exitStatus(cat2));
        assertEquals(0, k.kill(cat2, 2));       // SIGINT without a handler is fatal: complete_signal() wakes it
        assertEquals(2, k.exitStatus(cat2));
    }

    @Test
    void readerSleepsInDStateAndHoldsTheModule() {
        writeFile("/root/dstate.ko", dstate().ko());
        assertEquals(0, insmod("/root/dstate.ko", "", null));
        assertEquals(List.of(0020600L, 0L), List.of(k.stat(1, "/dev/dstate")[0], k.stat(1, "/dev/dstate")[1]));
        int cat = k.spawn(1, "cat", List.of("cat", "/dev/dstate"));
        long fd = k.open(cat, "/dev/dstate", 0, 0);
        assertEquals(1, k.snapshot().modules().get(0).refcnt());
        assertNull(k.read(cat, (int) fd, 4096));
        assertEquals('D', k.snapshot().tasks().stream().filter(t -> t.pid() == cat).findFirst().get().state());
        assertTrue(cat("/proc/" + cat + "/status").contains("State:\tD (disk sleep)"));
        String stack = cat("/proc/" + cat + "/stack");
        assertTrue(stack.startsWith("[<0>] dstate_read+0x28/0x40 [dstate]\n[<0>] vfs_read+0xa5/0x310\n"), stack);
        assertEquals(0, k.kill(cat, 9));
        assertEquals(-1, k.exitStatus(cat));
        assertEquals(-11, rmmod("dstate", null));
        writeFile("/proc/sys/kernel/hung_task_timeout_secs", "5\n".getBytes());
        k.advanceTime(12_000_000_000L);
        List<String> t = texts();
        assertTrue(t.contains("INFO: task cat:" + cat + " blocked for more than 5 seconds."), String.join("\n", t));
        assertTrue(t.contains("INFO: task cat:" + cat + " blocked for more than 10 seconds."));
        assertTrue(t.contains(String.format("task:cat             state:D stack:0     pid:%-5d ppid:1      flags:0x00000006", cat)));
        assertTrue(t.contains(" dstate_read+0x28/0x40 [dstate]"));
    }

    @Test
    void readingAfterAnOwnerlessDriverWasUnloadedOopsesInVfsRead() {
        writeFile("/root/dstate.ko", dstate(false).ko());
        assertEquals(0, insmod("/root/dstate.ko", "", null));
        int cat = k.spawn(1, "cat", List.of("cat", "/dev/dstate"));
        long fd = k.open(cat, "/dev/dstate", 0, 0);
        assertEquals(0, k.snapshot().modules().get(0).refcnt());
        assertEquals(0, rmmod("dstate", null));
        assertNull(k.stat(1, "/dev/dstate"));
        assertNull(k.read(cat, (int) fd, 4096));
        // dying, the reader closes the same file: filp_close() faults too, a recursive fault, and the
        // task is left dead for good (Episode II)
        assertEquals(-1, k.exitStatus(cat));
        assertEquals(dev.kplay.kernel.sched.Task.State.DEAD, k.task(cat).state());
        String d = dmesgText();
        assertTrue(d.contains("BUG: unable to handle page fault for address: ffffffffc0"), d);
        assertTrue(d.contains("RIP: 0010:vfs_read+0x3b/0x200"), d);
        assertTrue(d.contains(" ksys_read+0x6b/0xf0"), d);
        assertTrue(d.contains("Fixing recursive fault but reboot is needed!"), d);
    }

    /** chardev.c reduced: register_chrdev(0, "chardev", &fops) + class_create + device_create, fops with .owner. */
    static Images chardev() {
        Images m = new Images("chardev");
        m.sections.add(new Section(".rodata", 272, 8, new byte[272]));
        int fopsSym = ParamsAndProcTest.sym(m, "chardev_fops", ".rodata", 0);
        m.sections.add(new Section(".bss", 16, 8, null));
        int major = ParamsAndProcTest.sym(m, "major", ".bss", 0);
        int cls = ParamsAndProcTest.sym(m, "cls", ".bss", 8);
        int thisModule = m.extern("__this_module");
        m.relocs.add(new Relocation(".rodata", 0, thisModule, 0));
        int name = m.string("chardev");
        int fmt = m.string("%s");
        int reg = m.extern("__register_chrdev");
        int classCreate = m.extern("__class_create");
        int deviceCreate = m.extern("device_create");
        m.function("chardev_init", ".init.text",
                i(Op.SYM, major), i(Op.CONST, 0), i(Op.CONST, 0), i(Op.CONST, 256), i(Op.SYM, name), i(Op.SYM, fopsSym),
                i(Op.CALL, reg, 5), i(Op.ST4), i(Op.DROP),
                i(Op.SYM, cls), i(Op.SYM, thisModule), i(Op.SYM, name), i(Op.CONST, 0), i(Op.CALL, classCreate, 3), i(Op.ST8), i(Op.DROP),
                i(Op.SYM, cls), i(Op.LD8), i(Op.CONST, 0), i(Op.SYM, major), i(Op.LD4S), i(Op.CONST, 20), i(Op.SHL), i(Op.CONST, 0),
                i(Op.SYM, fmt), i(Op.SYM, name), i(Op.CALL, deviceCreate, 6), i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.function("chardev_exit", ".exit.text", i(Op.CONST, 0), i(Op.RET));
        m.init = "chardev_init";
        m.exit = "chardev_exit";
        return m;
    }

    @Test
    void aModulesOwnCdevAndItsFopsEachHoldAReference() {
        writeFile("/root/chardev.ko", chardev().ko());
        assertEquals(0, insmod("/root/chardev.ko", "", null));
        long[] st = k.stat(1, "/dev/chardev");
        assertEquals(0020600, st[0]);
        int holder = k.spawn(1, "sh", List.of("sh"));
        long fd = k.open(holder, "/dev/chardev", 0, 0);
        assertTrue(fd >= 0);
        assertEquals(2, k.snapshot().modules().get(0).refcnt());
        assertEquals(-11, rmmod("chardev", null));
        assertEquals(0, k.close(holder, (int) fd));
        assertEquals(0, k.snapshot().modules().get(0).refcnt());
        assertEquals(0, rmmod("chardev", null));
    }
}
