package dev.kplay.kernel.panic;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.Code;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.PageFault;
import dev.kplay.vm.Trap;

import java.util.List;

/*
 * The reports a dying kernel path prints: arch/x86/mm/fault.c page_fault_oops() and
 * show_fault_oops(), arch/x86/kernel/dumpstack.c die()/__die_header(), traps.c's invalid-opcode
 * and divide-error paths and handle_stack_overflow(), __warn(), and the soft-lockup, hung-task and
 * scheduling-while-atomic reports. Line formats are the 6.1 ones character for character; values
 * that are random on real hardware (registers, user-space addresses) are plausible and fixed, and
 * everything derived from kplay state (the faulting address, RIP, RSP, the frames, the modules,
 * the taint) is real. This class says what each report holds and in which order; the parts they
 * share (show_regs(), the call trace, print_modules(), kallsyms) are printed by DumpStack.
 */

/** Writes oops, BUG and soft-lockup reports to the log. */
public final class Oops {
    private final Kernel kernel;
    /** The parts every report is printed from: registers, frames, modules (dumpstack.c). */
    private final DumpStack dump;

    public Oops(Kernel kernel) {
        this.kernel = kernel;
        this.dump = new DumpStack(kernel);
    }

    private void line(int level, String text) {
        dump.line(level, text);
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
        String ripText = null;      // RIP as printed, when it is not the symbol at rip
        long cr2 = -1;
        String header;
        int err = 0;
        List<String> inner = List.of();
        if (exit instanceof Exit.Faulted f) {
            PageFault pf = f.fault();
            rip = f.rip();
            ripName = f.nativeName();
            if (ripName == null && pf.access() != PageFault.Access.FETCH) {
                rip = dump.outOfLineRip(irq != null ? irq : t, rip);
            }
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
            if (ripName == null) {
                rip = dump.outOfLineRip(irq != null ? irq : t, rip);
            }
            Trap trap = tr.trap();
            if (trap.kind() == Trap.Kind.DIVIDE_ERROR) {
                header = "divide error";
            } else {
                if (trap.line() > 0) {
                    line(4, "------------[ cut here ]------------");
                    line(0, "kernel BUG at " + (trap.file() != null ? trap.file() : sourceFile(rip)) + ":" + trap.line() + "!");
                }
                ripText = trap.function();
                inner = trap.inner();
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
        line(4, String.format("%s: %04x [#%d] PREEMPT SMP NOPTI", header, err, dump.nextDie()));
        dump.printInfo(t);
        dump.regs(irq != null ? irq : t, rip, ripText, cr2);
        line(4, "Call Trace:");
        if (irq != null) {
            line(4, " <IRQ>");
            dump.trace(irq, ripName != null, dump.symbolize(rip, true) == null ? " ? " : " ");
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
                dump.trace(t, true, " ");
                if (t.syscallNr() >= 0) {
                    dump.userRegs(t);
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
            dump.trace(t, ripName != null, dump.symbolize(rip, true) == null ? " ? " : " ");
            dump.userRegs(t);
            line(4, " </TASK>");
        }
        dump.printModules();
        if (cr2 != -1) {
            line(4, String.format("CR2: %016x", cr2));
        }
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(Taint.DIE);
        dump.printSummary();   // oops_end(): the registers of the first oops since boot, every time
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
        dump.printModules();
        KernelStack ks = t.stack();
        long rip = ks.depth() > 0 ? ks.frameCode(0).rip(ks.framePc(0)) : 0;
        dump.showRegs(t, rip);
        kernel.taint().add(Taint.SOFTLOCKUP);
    }

    /** Models __schedule_bug(): a task that tried to sleep with preemption disabled (in msleep(), the common case). */
    public void schedulingWhileAtomic(Task t, int preemptCount) {
        line(3, String.format("BUG: scheduling while atomic: %s/%d/0x%08x", t.comm(), t.pid(), preemptCount));
        dump.printModules();
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
        warnReport(t, message, fileLine, function, inner, false);
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
        dump.trace(t, true);
        dump.userRegs(t);
        line(4, " </TASK>");
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
        warnReport(t, message, fileLine, function, inner, true);
    }

    /**
     * __warn() for a warning in kernel code: {@code inner} are its frames; with {@code moduleFrames}
     * the module frames below them follow (a WARN reached from module code), else only inner.
     */
    private void warnReport(Task t, String message, String fileLine, String function, List<String> inner,
                            boolean moduleFrames) {
        line(4, "------------[ cut here ]------------");
        if (message != null) {
            line(4, message);
        }
        line(4, "WARNING: CPU: 0 PID: " + t.pid() + " at " + fileLine + " " + function);
        dump.printModules();
        dump.printInfo(t);
        dump.regsAt(t, 0xffffffff81000000L, function, -1);
        line(4, "Call Trace:");
        line(4, " <TASK>");
        for (String s : inner) {
            line(4, " " + s);
        }
        if (moduleFrames) {
            dump.trace(t, true);
        }
        dump.userRegs(t);
        line(4, " </TASK>");
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(Taint.WARN);
    }

    /**
     * Models __warn() for a WARN in module code (report_bug() on the ud2 of __WARN_FLAGS): the
     * WARNING line names the site's file:line and the function at {@code rip} (or the one a header's
     * inline function there is part of), then the modules,
     * CPU and registers with RIP at the site, and the callers below it. Taints {@code taintFlag}
     * afterwards (TAINT_WARN for WARN*), as __warn() does; the caller's code then goes on.
     */
    public void warnAt(Task t, String fileLine, long rip, int taintFlag) {
        rip = dump.outOfLineRip(t, rip);   // a WARN in a header's inline function is in its caller on Linux
        String where = dump.symbolize(rip, true);
        line(4, "WARNING: CPU: 0 PID: " + t.pid() + " at " + fileLine + " " + (where != null ? where : String.format("0x%x", rip)));
        dump.printModules();
        dump.showRegs(t, rip);
        line(4, "---[ end trace 0000000000000000 ]---");
        kernel.taint().add(taintFlag);
    }

    /** The CUT_HERE marker __warn_printk() and report_bug() print before a warning. */
    public void cutHere() {
        line(4, "------------[ cut here ]------------");
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

    /** Models print_modules(). */
    public void printModules() {
        dump.printModules();
    }

    /** Models dump_stack() for warnings: CPU line, hardware, the trace of the current task. */
    public void dumpStack(Task t, List<String> innermost) {
        dump.dumpStack(t, innermost);
    }

    /** kallsyms: "name+0xoff/0xsize [module]", or null for an unknown address. */
    public String symbolize(long addr, boolean withOffset) {
        return dump.symbolize(addr, withOffset);
    }

    /**
     * _RET_IP_ (%pS) in a kernel function the task's module code called: the return address of the
     * innermost module frame Linux has (a caller gone in a sibling call returns to its own caller),
     * else where the kernel path called the module ("__do_sys_delete_module+0x1b9/0x330"); null if none.
     */
    public String returnAddress(Task t) {
        KernelStack ks = t.stack();
        for (int i = 0; i < ks.depth(); i++) {
            if (ks.frameShown(i)) {
                return symbolize(ks.frameCode(i).rip(ks.framePc(i)) + 5, true);
            }
        }
        return t.kernelPath().isEmpty() ? null : t.kernelPath().get(0);
    }
}
