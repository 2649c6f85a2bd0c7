package dev.kplay.kernel.panic;

import dev.kplay.kernel.printk.Printk;
import dev.kplay.kernel.sched.Task;

import java.util.List;

/*
 * kernel/panic.c's panic(): the end of the machine. It prints "Kernel panic - not syncing:" with
 * the reason, dumps the stack unless an oops is already being reported (taint D), lets the
 * notifiers speak (dump_kernel_offset's "Kernel Offset:" line) and, with the panic=1 of the
 * command line kplay boots with (the oracle's), announces the reboot. The reboot itself is the
 * user's: the kernel stays dead, every later system call is refused, and time stops, until the
 * session reboots. What calls here: a module's own panic(), and oops_end() for an oops in
 * interrupt context or on a stack overflow ("Fatal exception in interrupt").
 */

/** The panic state of one kernel. */
public final class Panic {
    /** The offset dump_kernel_offset() reports for kplay's (fixed) KASLR slide. */
    private static final long KERNEL_OFFSET = 0x1e000000L;

    private final Printk printk;
    private final Taint taint;
    private final Oops oops;
    /** The panic message once panic() ran, else null; never goes back to null (a reboot is a new kernel). */
    private String message;
    /** What stops with the machine (the timers), told once the report is out. */
    private Runnable halt = () -> { };

    public Panic(Printk printk, Taint taint, Oops oops) {
        this.printk = printk;
        this.taint = taint;
        this.oops = oops;
    }

    /**
     * Models panic(fmt, ...) on task t (null in interrupt context with no task to show): the
     * report, then the kernel is dead. A second panic while panicking only stops, as panic_cpu does.
     */
    public void panic(Task t, String msg) {
        panic(t, msg, List.of());
    }

    /** panic() called from kernel function frames {@code callers} (innermost first) under the task's own frames. */
    public void panic(Task t, String msg, List<String> callers) {
        if (message != null) {
            return;
        }
        message = msg;
        line("Kernel panic - not syncing: " + msg);
        if (t != null && !taint.test(Taint.DIE)) {
            List<String> inner = new java.util.ArrayList<>(List.of("dump_stack_lvl+0x44/0x5c", "panic+0x118/0x2f4"));
            inner.addAll(callers);
            oops.dumpStack(t, inner);
        }
        line(String.format("Kernel Offset: 0x%x from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
                KERNEL_OFFSET));
        line("Rebooting in 1 seconds..");
        halt.run();
    }

    /** Sets what must stop when the kernel panics (nothing fires or wakes afterwards). */
    public void onPanic(Runnable halt) {
        this.halt = halt;
    }

    /** True once the kernel panicked. */
    public boolean panicked() {
        return message != null;
    }

    /** The panic() reason, or null. */
    public String message() {
        return message;
    }

    private void line(String text) {
        printk.printk(Printk.KERN_SOH + "0" + text + "\n");
    }
}
