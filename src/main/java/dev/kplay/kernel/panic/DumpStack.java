package dev.kplay.kernel.panic;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.exports.ExportTable;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.module.ModuleState;
import dev.kplay.kernel.printk.Printk;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.Code;
import dev.kplay.vm.KernelStack;

import java.util.ArrayList;
import java.util.List;

/*
 * The pieces every report of a dying or complaining kernel path is made of, as
 * arch/x86/kernel/dumpstack.c and its neighbours print them: dump_stack_print_info()'s CPU and
 * hardware lines, __show_regs() for the kernel and the user registers, show_trace_log_lvl()'s
 * frames, print_modules(), kallsyms' "name+0xoff/0xsize [module]", and die_counter with
 * oops_end()'s executive summary (the first oops's registers, repeated after each oops). Oops
 * decides what a report says and in which order; this class prints the parts, so each format
 * lives in one place. Register values real hardware would show at random are fixed plausible
 * ones; RIP, RSP, the frames and the modules come from kplay's state.
 */

/** The common parts of oops, warning and lockup reports (dumpstack.c). */
final class DumpStack {
    private static final String HARDWARE = "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014";
    private static final String USER_CODE = "Code: 73 01 c3 48 8b 0d 79 92 0c 00 f7 d8 64 89 01 48 83 c8 ff c3 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00 b8 b0 00 00 00 0f 05 <48> 3d 01 f0 ff ff 73 01 c3 48 8b 0d 49 92 0c 00 f7 d8 64 89 01 48";

    private final Kernel kernel;
    /** die_counter: the oopses since boot, printed as [#N]. */
    private int dieCounter;
    /** exec_summary_regs: the register lines of the first oops since boot, repeated after each oops. */
    private final List<String> summary = new ArrayList<>();

    DumpStack(Kernel kernel) {
        this.kernel = kernel;
    }

    /** printk() of one line at {@code level} (KERN_EMERG 0 .. KERN_INFO 6). */
    void line(int level, String text) {
        kernel.printk().printk(Printk.KERN_SOH + "" + (char) ('0' + level) + text + "\n");
    }

    /** ++die_counter, for the oops header being printed. */
    int nextDie() {
        return ++dieCounter;
    }

    /** Models dump_stack_print_info(): the CPU line with pid, comm, taint and version, then the hardware. */
    void printInfo(Task t) {
        line(4, "CPU: 0 PID: " + t.pid() + " Comm: " + t.comm() + " " + kernel.taint().printTainted() + " " + uts());
        line(4, HARDWARE);
    }

    /**
     * Models show_regs() for a task interrupted in kernel mode: the CPU line, the hardware, RIP
     * (at {@code rip}), code and registers, then the call trace below RIP and the user registers.
     */
    void showRegs(Task t, long rip) {
        printInfo(t);
        regs(t, rip, null, -1);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        trace(t, false);
        userRegs(t);
        line(4, " </TASK>");
    }

    /** __show_regs() with RIP as {@code ripText}, or symbolized when that is null. */
    void regs(Task t, long rip, String ripText, long cr2) {
        String where = ripText != null ? ripText : symbolize(rip, true);
        regsAt(t, rip, where != null ? where : String.format("0x%x", rip), cr2);
    }

    /** __show_regs() with RIP printed as {@code ripText}; the first oops's are kept for the summaries. */
    void regsAt(Task t, long rip, String ripText, long cr2) {
        List<String> lines = new ArrayList<>();
        regsAt(t, rip, ripText, cr2, lines);
        if (summary.isEmpty() && dieCounter > 0) {
            summary.addAll(lines);
        }
        for (String l : lines) {
            line(4, l);
        }
    }

    private void regsAt(Task t, long rip, String ripText, long cr2, List<String> out) {
        KernelStack ks = t.stack();
        java.util.function.Consumer<String> line4 = out::add;
        line4.accept("RIP: 0010:" + ripText);
        line4.accept(String.format("Code: Unable to access opcode bytes at 0x%016x.", rip - 42));
        long sp = ks.sp();
        long thisModule = 0;
        Module m = moduleOf(rip);
        if (m != null) {
            thisModule = m.thisModule();
        }
        line4.accept(String.format("RSP: 0018:%016x EFLAGS: %08x", sp, 0x246));
        line4.accept(String.format("RAX: %016x RBX: %016x RCX: %016x", rip & ~0xfffL, thisModule, 7L));
        line4.accept(String.format("RDX: %016x RSI: %016x RDI: %016x", 0L, sp + 0x20, 0xffffffff82a292c0L));
        line4.accept(String.format("RBP: %016x R08: %016x R09: %016x", sp + 0x30, 0x33L, 0L));
        line4.accept(String.format("R10: %016x R11: %016x R12: %016x", 0L, 0L, 0x00005562dc4514f8L));
        line4.accept(String.format("R13: %016x R14: %016x R15: %016x", 0L, 0L, 0L));
        line4.accept("FS:  00007fe4af774040(0000) GS:ffff88800ee00000(0000) knlGS:0000000000000000");
        line4.accept("CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033");
        line4.accept(String.format("CR2: %016x CR3: 0000000002a0a000 CR4: 00000000000006f0", cr2 != -1 ? rip - 42 : 0x00007f2aedd33829L));
    }

    /** oops_end()'s executive summary: the registers of the first oops since boot. */
    void printSummary() {
        for (String l : summary) {
            line(4, l);
        }
    }

    /** The frames: module callers below RIP (all module frames if RIP is in a native), then the kernel path. */
    void trace(Task t, boolean ripInNative) {
        trace(t, ripInNative, " ");
    }

    /**
     * The RIP an oops in module code shows: where it faulted, or, in a header's static inline
     * function that gcc would have compiled into its caller, the call in the first caller that is a
     * function of its own (the inlined code is part of it on Linux).
     */
    long outOfLineRip(Task t, long rip) {
        KernelStack ks = t.stack();
        int j = firstOutOfLine(ks);
        return j == 0 || j >= ks.depth() ? rip : ks.frameCode(j).rip(ks.framePc(j));
    }

    /** The innermost frame that is not a header's inline function (0 if the top one is not). */
    private static int firstOutOfLine(KernelStack ks) {
        int j = 0;
        while (j < ks.depth() - 1 && ks.frameCode(j).inlined()) {
            j++;
        }
        return j;
    }

    /** The frames, each after {@code prefix} (" ", or " ? " for frames the unwinder cannot vouch for). */
    void trace(Task t, boolean ripInNative, String prefix) {
        KernelStack ks = t.stack();
        boolean coldInlined = false;   // an inline function just above stopped at a call gcc moved to the .cold part
        for (int i = ripInNative ? 0 : firstOutOfLine(ks) + 1; i < ks.depth(); i++) {
            Code c = ks.frameCode(i);
            if (!ks.frameShown(i)) {
                // inlined into its caller, or gone in a sibling call (see KernelStack.frameShown)
                coldInlined = c.inlined() && c.coldCallAt(ks.framePc(i)) >= 0;
                continue;
            }
            String s = frameText(c, ks.framePc(i), coldInlined);
            coldInlined = false;
            if (s != null) {
                line(4, prefix + s);
            }
        }
        for (String p : t.kernelPath()) {
            line(4, prefix + p);
        }
    }

    /** The user-space registers at syscall entry (pt_regs of the syscall). */
    void userRegs(Task t) {
        int nr = Math.max(0, t.syscallNr());
        line(4, "RIP: 0033:0x7fe4af87eb87");
        line(4, USER_CODE);
        line(4, String.format("RSP: 002b:00007ffd84732f28 EFLAGS: 00000206 ORIG_RAX: %016x", (long) nr));
        line(4, "RAX: ffffffffffffffda RBX: 00005562dc451490 RCX: 00007fe4af87eb87");
        line(4, "RDX: 0000000000000000 RSI: 0000000000000800 RDI: 00005562dc4514f8");
        line(4, "RBP: 0000000000000000 R08: 1999999999999999 R09: 0000000000000000");
        line(4, "R10: 00007fe4af8f2ac0 R11: 0000000000000206 R12: 00007ffd84733170");
        line(4, "R13: 00007ffd84733f94 R14: 00005562dc4502a0 R15: 00007ffd84733178");
    }

    /** Models print_modules(). */
    void printModules() {
        StringBuilder sb = new StringBuilder("Modules linked in:");
        for (Module m : kernel.modules()) {
            if (m.state() != ModuleState.UNFORMED) {
                sb.append(' ').append(m.name()).append(m.flags());
            }
        }
        String last = kernel.loader().lastUnloaded();
        if (last != null) {
            sb.append(" [last unloaded: ").append(last).append(']');
        }
        line(4, sb.toString());
    }

    /** Models dump_stack() for warnings: CPU line, hardware, the trace of the current task. */
    void dumpStack(Task t, List<String> innermost) {
        printInfo(t);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        for (String s : innermost) {
            line(4, " " + s);
        }
        trace(t, true);
        userRegs(t);
        line(4, " </TASK>");
    }

    private Module moduleOf(long addr) {
        for (Module m : kernel.modules()) {
            if (Long.compareUnsigned(addr, m.coreBase()) >= 0 && Long.compareUnsigned(addr, m.coreBase() + 0x100000) < 0) {
                return m;
            }
        }
        return null;
    }

    /** dump_stack_print_info()'s "%s %.*s %s": release, UTS_VERSION up to its first space, LINUX_PACKAGE_ID. */
    private String uts() {
        return kernel.image().release() + " " + kernel.image().buildTag() + " " + kernel.image().packageId();
    }

    /**
     * A module frame stopped at call instruction pc, as kallsyms names its return address: in the
     * function, or in its .cold part for a call gcc moved there ("cold_branch.cold+0xa/0x17": each
     * call there some 0x12 bytes of code, as gcc's are); {@code coldInlined}: the call is one of an
     * inline function's, in the part gcc moved of its copy here.
     */
    String frameText(Code c, int pc, boolean coldInlined) {
        int k = coldInlined && !c.whollyCold() ? 0 : c.coldCallAt(pc);
        if (k < 0) {
            return symbolize(c.rip(pc), true);
        }
        int size = 0xa + 0x12 * (Math.max(1, c.coldCalls()) - 1) + 0xd;
        String s = String.format("%s.cold+0x%x/0x%x", c.name(), 0xa + 0x12 * k, size);
        return c.module() != null ? s + " [" + c.module() + "]" : s;
    }

    /** kallsyms: "name+0xoff/0xsize [module]", or null for an unknown address. */
    String symbolize(long addr, boolean withOffset) {
        Code c = kernel.memory().codeContaining(addr);
        if (c != null) {
            String s = c.name();
            if (withOffset) {
                s += String.format("+0x%x/0x%x", addr - c.address(), c.size());
            }
            return c.module() != null ? s + " [" + c.module() + "]" : s;
        }
        ExportTable.Export e = kernel.exports().containing(addr);
        if (e != null) {
            return withOffset ? e.name() + String.format("+0x%x/0x%x", addr - e.address(), Math.max(1, e.size())) : e.name();
        }
        return null;
    }
}
