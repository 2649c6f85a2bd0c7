package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.KernelStack;

/*
 * The exports of kernel/panic.c that module code calls when it finds a bug: the WARN family
 * (warn_slowpath_fmt, which <linux/bug.h> calls where x86 would execute the ud2 of
 * __WARN_FLAGS) and panic(). A WARN prints its report and returns, so the module's code goes
 * on; panic() stops the kernel for good (see dev.kplay.kernel.panic.Panic).
 */

/** WARN and panic exports. */
final class PanicExports {
    private final Kernel k;
    private final Builtins b;
    private final ExportTable t;

    PanicExports(Kernel k, Builtins b) {
        this.k = k;
        this.b = b;
        this.t = k.exports();
    }

    void register() {
        // warn_slowpath_fmt(file, line, taint, fmt, ...): WARN(cond, fmt...) prints the cut-here line
        // and its message first (__warn_printk), a bare WARN_ON prints the cut-here line itself.
        t.function("warn_slowpath_fmt", 0xc0, (a, s) -> {
            Task cur = k.current();
            k.oopsReporter().cutHere();
            if (a[3] != 0) {
                k.printk().printk(Builtins.utf8(b.format(a[3], a, 4)));
            }
            if (cur != null) {
                k.oopsReporter().warnAt(cur, b.cstr(a[0]) + ":" + (int) a[1], siteOf(s), (int) a[2]);
            } else {
                k.taint().add((int) a[2]);
            }
            return 0;
        });
        // panic(fmt, ...): the message loses one trailing newline, as panic() strips it; the calling
        // task never runs again (it blocks with nothing to wake it, and the kernel is dead).
        t.function("panic", 0x2f4, (a, s) -> {
            String msg = Builtins.utf8(b.format(a[0], a, 1));
            k.panicState().panic(k.current(), msg.endsWith("\n") ? msg.substring(0, msg.length() - 1) : msg);
            s.block();
            return 0;
        });
        t.function("__warn_printk", 0x80, (a, s) -> {
            k.oopsReporter().cutHere();
            k.printk().printk(Builtins.utf8(b.format(a[0], a, 1)));
            return 0;
        });
    }

    /** The warning's address: the calling module instruction, where x86's ud2 would be. */
    private static long siteOf(KernelStack s) {
        return s.depth() > 0 ? s.frameCode(0).rip(s.framePc(0)) : 0;
    }
}
