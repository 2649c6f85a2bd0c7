package dev.kplay.kernel.panic;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.exports.ExportTable;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.printk.Printk;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.Code;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.PageFault;
import dev.kplay.vm.Trap;

import java.util.List;

/*
 * The reports a dying kernel path prints: arch/x86/mm/fault.c page_fault_oops() and
 * show_fault_oops(), arch/x86/kernel/dumpstack.c die()/__die_header()/show_regs()/
 * show_trace_log_lvl(), traps.c's invalid-opcode and divide-error paths and
 * handle_stack_overflow(), and kernel/watchdog.c's soft-lockup report. Line formats are the 6.1
 * ones character for character; values that are random on real hardware (registers, user-space
 * addresses) are plausible and fixed, and everything derived from kplay state (the faulting
 * address, RIP, RSP, the frames, the modules, the taint) is real.
 */

/** Writes oops, BUG and soft-lockup reports to the log. */
public final class Oops {
    private static final String HARDWARE = "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014";
    private static final String USER_CODE = "Code: 73 01 c3 48 8b 0d 79 92 0c 00 f7 d8 64 89 01 48 83 c8 ff c3 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00 b8 b0 00 00 00 0f 05 <48> 3d 01 f0 ff ff 73 01 c3 48 8b 0d 49 92 0c 00 f7 d8 64 89 01 48";

    private final Kernel kernel;
    private int dieCounter;
    /** exec_summary_regs: the register lines of the first oops since boot, repeated after each oops. */
    private final List<String> summary = new java.util.ArrayList<>();

    public Oops(Kernel kernel) {
        this.kernel = kernel;
    }

    private void line(int level, String text) {
        kernel.printk().printk(Printk.KERN_SOH + "" + (char) ('0' + level) + text + "\n");
    }

    /**
     * Exported functions whose work is done by another kernel function, where a fault is reported:
     * name -> {worker, offset of the faulting instruction in it, the exported function's own frame}.
     */
    private static final java.util.Map<String, String[]> WORKERS = java.util.Map.of(
            "sscanf", new String[] {"vsscanf", "0x600", "+0x56/0x80"});

    /** Models die() after a fault or trap: the report, taint D; the caller then kills the task. */
    public void die(Task t, Exit exit) {
        report(t, null, exit);
    }

    /**
     * Models die() for a fault in interrupt context (a timer callback, __run_timers()): the task
     * the interrupt came in on is the one named, the trace is the interrupt stack's between
     * &lt;IRQ&gt; and &lt;/IRQ&gt;, then the interrupted context; oops_end() then panics.
     */
    public void dieInInterrupt(Task interrupted, Task irq, Exit exit) {
        report(interrupted, irq, exit);
    }

    /** The frames of the idle loop under the timer interrupt that hit it (the oracle's guest: amd_e400_idle). */
    private static final List<String> IDLE_FRAMES = List.of("amd_e400_idle+0x3d/0x50", "default_idle_call+0x38/0xf0",
            "do_idle+0x206/0x2b0", "cpu_startup_entry+0x26/0x30", "rest_init+0xca/0xd0", "arch_call_rest_init+0xa/0x14",
            "start_kernel+0x6fb/0x70f", "secondary_startup_64_no_verify+0xe5/0xeb");

    private void report(Task t, Task irq, Exit exit) {
        kernel.loader().debugLocksOff();
        long rip;
        String ripName = null;
        long cr2 = -1;
        String header;
        int err = 0;
        List<String> inner = List.of();
        if (exit instanceof Exit.Faulted f) {
            PageFault pf = f.fault();
            rip = f.rip();
            ripName = f.nativeName();
            String[] worker = ripName == null ? null : WORKERS.get(ripName);
            if (worker != null && kernel.exports().address(worker[0]) != 0) {
                inner = List.of(ripName + worker[2]);
                ripName = worker[0];
                rip = kernel.exports().address(worker[0]) + Long.decode(worker[1]);
            }
            cr2 = pf.address();
            if (pf.access() == PageFault.Access.FETCH && ripName == null) {
                rip = cr2;      // a call into an unmapped page faults on the fetch: RIP is the target itself
            }
            err = switch (pf.access()) {
                case READ -> 0;
                case WRITE -> 2;
                case FETCH -> 0x10;
            };
            if (Long.compareUnsigned(cr2, Layout.PAGE_SIZE) < 0) {
                line(1, String.format("BUG: kernel NULL pointer dereference, address: %016x", cr2));
            } else {
                line(1, String.format("BUG: unable to handle page fault for address: %016x", cr2));
            }
            line(1, "#PF: supervisor " + switch (pf.access()) {
                case READ -> "read access";
                case WRITE -> "write access";
                case FETCH -> "instruction fetch";
            } + " in kernel mode");
            line(1, String.format("#PF: error_code(0x%04x) - not-present page", err));
            if (Layout.isUser(cr2)) {
                line(6, "PGD 0 P4D 0 ");
            } else {
                line(6, String.format("PGD %x P4D %x PUD %x PMD %x PTE 0", 0x9015067, 0x9015067, 0x9017067, 0x18d6067));
            }
            header = "Oops";
        } else if (exit instanceof Exit.Trapped tr) {
            rip = tr.rip();
            ripName = tr.nativeName();
            Trap trap = tr.trap();
            if (trap.kind() == Trap.Kind.DIVIDE_ERROR) {
                header = "divide error";
            } else {
                if (trap.line() > 0) {
                    line(4, "------------[ cut here ]------------");
                    line(0, "kernel BUG at " + (trap.file() != null ? trap.file() : sourceFile(rip)) + ":" + trap.line() + "!");
                }
                ripOverride = trap.function();
                header = "invalid opcode";
            }
        } else if (exit instanceof Exit.StackOverflow so) {
            rip = so.rip();
            KernelStack ks = t.stack();
            line(0, "BUG: TASK stack guard page was hit at " + plainPointer(so.address()) + " (stack is "
                    + plainPointer(ks.base()) + ".." + plainPointer(ks.base() + KernelStack.THREAD_SIZE - 1) + ")");
            header = "stack guard page";
        } else {
            throw new IllegalStateException("die() for " + exit);
        }
        line(4, String.format("%s: %04x [#%d] PREEMPT SMP NOPTI", header, err, ++dieCounter));
        line(4, "CPU: 0 PID: " + t.pid() + " Comm: " + t.comm() + " " + kernel.taint().printTainted() + " " + uts());
        line(4, HARDWARE);
        regs(irq != null ? irq : t, rip, ripName, cr2);
        line(4, "Call Trace:");
        if (irq != null) {
            line(4, " <IRQ>");
            trace(irq, ripName != null, symbolize(rip, true) == null ? " ? " : " ");
            line(4, " </IRQ>");
            line(4, " <TASK>");
            line(4, " asm_sysvec_apic_timer_interrupt+0x16/0x20");
            if (t.pid() == 0) {
                line(4, "RIP: 0010:native_safe_halt+0xb/0x10");
                line(4, "Code: 7f c3 cc cc cc cc 65 48 8b 04 25 80 fb 01 00 3e 80 48 02 20 48 8b 00 a8 08 75 c0 eb 88 cc cc "
                        + "eb 07 0f 00 2d 09 05 5b 00 fb f4 <c3> cc cc cc cc eb 07 0f 00 2d f9 04 5b 00 f4 c3 cc cc cc cc cc 0f");
                line(4, "RSP: 0018:ffffffffab403e98 EFLAGS: 00000246");
                line(4, "RAX: 000000000001ad40 RBX: 0000000000000000 RCX: 0000000000000000");
                line(4, "RDX: 4000000000000000 RSI: 0000000000000083 RDI: 0000000000000284");
                line(4, "RBP: ffffffffab41aa40 R08: 0000000000023000 R09: 0000000000000007");
                line(4, "R10: 00000000fffffffb R11: 0000000000000001 R12: 0000000000000000");
                line(4, "R13: 0000000000000000 R14: 0000000000000000 R15: 0000000000014790");
                for (String f : IDLE_FRAMES) {
                    line(4, " " + f);
                }
            } else {
                trace(t, true, " ");
                if (t.syscallNr() >= 0) {
                    userRegs(t);
                }
            }
            line(4, " </TASK>");
        } else {
            line(4, " <TASK>");
            for (String s : inner) {
                line(4, " " + s);
            }
            // with RIP in no known function (a call into freed module text) the unwinder cannot trust
            // any frame, and show_trace_log_lvl() marks them all unreliable
            trace(t, ripName != null, symbolize(rip, true) == null ? " ? " : " ");
            userRegs(t);
            line(4, " </TASK>");
        }
        printModules();
        if (cr2 != -1) {
            line(4, String.format("CR2: %016x", cr2));
        }
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(Taint.DIE);
        // oops_end()'s executive summary: the registers of the first oops since boot, every time
        for (String l : summary) {
            line(4, l);
        }
        if (exit instanceof Exit.StackOverflow || kernel.inInterrupt() || irq != null) {
            // oops_end(): a stack overflow is caught on the double-fault stack, in NMI context, and an
            // oops in interrupt context has no task to kill: either way there is no way back.
            kernel.panicState().panic(t, "Fatal exception in interrupt");
            return;
        }
        if (t.kernelPath().stream().anyMatch(p -> p.startsWith("__do_sys_delete_module"))) {
            line(4, "note: " + t.comm() + "[" + t.pid() + "] exited with irqs disabled");
        }
    }

    /** Models make_task_dead() for a task that oopsed while already exiting (PF_EXITING). */
    public void recursiveFault(Task t) {
        line(1, "Fixing recursive fault but reboot is needed!");
    }

    /**
     * Models watchdog_timer_fn()'s report for a task that ran without sleeping for too long: with
     * the interrupted registers at hand it calls show_regs(), so the trace is the task's own stack
     * (no &lt;IRQ&gt; section), as the oracle's reports show.
     */
    public void softLockup(Task t, long seconds) {
        line(0, "watchdog: BUG: soft lockup - CPU#0 stuck for " + seconds + "s! [" + t.comm() + ":" + t.pid() + "]");
        printModules();
        KernelStack ks = t.stack();
        long rip = ks.depth() > 0 ? ks.frameCode(0).rip(ks.framePc(0)) : 0;
        showRegs(t, rip, null, -1);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        trace(t, false);
        userRegs(t);
        line(4, " </TASK>");
        kernel.taint().add(Taint.SOFTLOCKUP);
    }

    /** Models __schedule_bug(): a task that tried to sleep with preemption disabled (in msleep(), the common case). */
    public void schedulingWhileAtomic(Task t, int preemptCount) {
        line(3, String.format("BUG: scheduling while atomic: %s/%d/0x%08x", t.comm(), t.pid(), preemptCount));
        printModules();
        List<String> inner = new java.util.ArrayList<>(List.of("dump_stack_lvl+0x44/0x5c", "__schedule_bug.cold+0x42/0x4e",
                "__schedule+0x804/0xa00", "schedule+0x5a/0xd0", "schedule_timeout+0x94/0x150",
                "? __bpf_trace_tick_stop+0x10/0x10", "msleep+0x29/0x40"));
        KernelStack ks = t.stack();
        if (ks.depth() > 0) {
            // The module function's own entry address, left on the stack by the call: unwinders print it unresolved.
            inner.add(String.format("? 0x%016x", ks.frameCode(ks.depth() - 1).address() & ~0xfffL));
        }
        dumpStack(t, inner);
        kernel.taint().add(Taint.WARN);
    }

    /** Models WARN(cond, fmt...) from kernel code: the message after "cut here", then __warn()'s report. */
    public void warnMessage(Task t, String message, String fileLine, String function, List<String> inner) {
        line(4, "------------[ cut here ]------------");
        line(4, message);
        line(4, "WARNING: CPU: 0 PID: " + t.pid() + " at " + fileLine + " " + function);
        printModules();
        line(4, "CPU: 0 PID: " + t.pid() + " Comm: " + t.comm() + " " + kernel.taint().printTainted() + " " + uts());
        line(4, HARDWARE);
        regsAt(t, 0xffffffff81000000L, function, -1);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        for (String s : inner) {
            line(4, " " + s);
        }
        userRegs(t);
        line(4, " </TASK>");
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(Taint.WARN);
    }

    /** Models check_hung_task(): a task stuck in D state for longer than the timeout. */
    public void hungTask(Task t, long seconds) {
        line(3, "INFO: task " + t.comm() + ":" + t.pid() + " blocked for more than " + seconds + " seconds.");
        line(3, "      " + kernel.taint().printTainted() + " " + kernel.image().release() + " " + kernel.image().buildTag()
                + kernel.image().packageId());
        line(3, "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.");
        line(6, String.format("task:%-15.15s state:%c stack:%-5d pid:%-5d ppid:%-6d flags:0x%08x", t.comm(),
                t.state().letter, 0, t.pid(), t.ppid(), 6));
        line(4, "Call Trace:");
        line(4, " <TASK>");
        line(4, " __schedule+0x34d/0xa00");
        line(4, " schedule+0x5a/0xd0");
        for (String f : t.sleepFrames()) {
            line(4, " " + f);
        }
        trace(t, true);
        userRegs(t);
        line(4, " </TASK>");
    }

    /** The /proc/PID/stack-style first frame of a stuck task, for later reports. */
    public String topFrame(Task t) {
        KernelStack ks = t.stack();
        return ks.depth() > 0 ? symbolize(ks.frameCode(0).rip(ks.framePc(0)), true) : null;
    }

    /** Models show_regs(): the CPU line, the hardware, RIP, code and registers. */
    private void showRegs(Task t, long rip, String ripName, long cr2) {
        line(4, "CPU: 0 PID: " + t.pid() + " Comm: " + t.comm() + " " + kernel.taint().printTainted() + " " + uts());
        line(4, HARDWARE);
        regs(t, rip, ripName, cr2);
    }

    /** The RIP text of a BUG() in modelled kernel code (Trap.function()), for the oops being printed. */
    private String ripOverride;

    private void regs(Task t, long rip, String ripName, long cr2) {
        String where = ripOverride != null ? ripOverride : symbolize(rip, true);
        ripOverride = null;
        regsAt(t, rip, where != null ? where : String.format("0x%x", rip), cr2);
    }

    /** __show_regs() with RIP printed as {@code ripText}; the first oops's are kept for the summaries. */
    private void regsAt(Task t, long rip, String ripText, long cr2) {
        List<String> lines = new java.util.ArrayList<>();
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

    /** The frames: module callers below RIP (all module frames if RIP is in a native), then the kernel path. */
    private void trace(Task t, boolean ripInNative) {
        trace(t, ripInNative, " ");
    }

    /** The frames, each after {@code prefix} (" ", or " ? " for frames the unwinder cannot vouch for). */
    private void trace(Task t, boolean ripInNative, String prefix) {
        KernelStack ks = t.stack();
        for (int i = ripInNative ? 0 : 1; i < ks.depth(); i++) {
            Code c = ks.frameCode(i);
            String s = symbolize(c.rip(ks.framePc(i)), true);
            if (s != null) {
                line(4, prefix + s);
            }
        }
        for (String p : t.kernelPath()) {
            line(4, prefix + p);
        }
    }

    /** The user-space registers at syscall entry (pt_regs of the syscall). */
    private void userRegs(Task t) {
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

    /**
     * Models __warn() for a WARN_ON in kernel code called from module code: "cut here", the
     * WARNING line with file:line and the function, modules, CPU, registers and the trace
     * ({@code inner} are the kernel frames between the warning function and the module's call).
     * Taints W afterwards, as __warn() does.
     */
    public void warn(Task t, String fileLine, String function, List<String> inner) {
        warn(t, null, fileLine, function, inner);
    }

    /** Models WARN(1, fmt, ...): the message follows "cut here", then the same report as WARN_ON. */
    public void warn(Task t, String message, String fileLine, String function, List<String> inner) {
        line(4, "------------[ cut here ]------------");
        if (message != null) {
            line(4, message);
        }
        line(4, "WARNING: CPU: 0 PID: " + t.pid() + " at " + fileLine + " " + function);
        printModules();
        line(4, "CPU: 0 PID: " + t.pid() + " Comm: " + t.comm() + " " + kernel.taint().printTainted() + " " + uts());
        line(4, HARDWARE);
        regsAt(t, 0xffffffff81000000L, function, -1);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        for (String s : inner) {
            line(4, " " + s);
        }
        trace(t, true);
        userRegs(t);
        line(4, " </TASK>");
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(Taint.WARN);
    }

    /**
     * Models __warn() for a WARN in module code (report_bug() on the ud2 of __WARN_FLAGS): the
     * WARNING line names the site's file:line and the function at {@code rip}, then the modules,
     * CPU and registers with RIP at the site, and the callers below it. Taints {@code taintFlag}
     * afterwards (TAINT_WARN for WARN*), as __warn() does; the caller's code then goes on.
     */
    public void warnAt(Task t, String fileLine, long rip, int taintFlag) {
        String where = symbolize(rip, true);
        line(4, "WARNING: CPU: 0 PID: " + t.pid() + " at " + fileLine + " " + (where != null ? where : String.format("0x%x", rip)));
        printModules();
        showRegs(t, rip, null, -1);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        trace(t, false);
        userRegs(t);
        line(4, " </TASK>");
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(taintFlag);
    }

    /** The CUT_HERE marker __warn_printk() and report_bug() print before a warning. */
    public void cutHere() {
        line(4, "------------[ cut here ]------------");
    }

    /** Models print_modules(). */
    public void printModules() {
        StringBuilder sb = new StringBuilder("Modules linked in:");
        for (Module m : kernel.modules()) {
            if (m.state() != dev.kplay.kernel.module.ModuleState.UNFORMED) {
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
    public void dumpStack(Task t, List<String> innermost) {
        line(4, "CPU: 0 PID: " + t.pid() + " Comm: " + t.comm() + " " + kernel.taint().printTainted() + " " + uts());
        line(4, HARDWARE);
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

    private String sourceFile(long rip) {
        Code c = kernel.memory().codeContaining(rip);
        if (c != null && c.module() != null) {
            Module m = kernel.findModule(c.module());
            if (m != null && m.image().fileName() != null) {
                return m.image().fileName().replaceAll("\\.ko$", ".c");
            }
        }
        return "kernel/module.c";
    }

    /**
     * A plain %p as handle_stack_overflow() prints it: the oracle's guest never has its random pool
     * ready (no entropy source), so ptr_to_id() prints the placeholder instead of a hashed value.
     */
    private static String plainPointer(long p) {
        return "(____ptrval____)";
    }

    /** dump_stack_print_info()'s "%s %.*s %s": release, UTS_VERSION up to its first space, LINUX_PACKAGE_ID. */
    private String uts() {
        return kernel.image().release() + " " + kernel.image().buildTag() + " " + kernel.image().packageId();
    }

    /** kallsyms: "name+0xoff/0xsize [module]", or null for an unknown address. */
    public String symbolize(long addr, boolean withOffset) {
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
