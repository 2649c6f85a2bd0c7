package dev.kplay.kernel.module;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.mm.PerCpu;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.ko.Section;

/*
 * kernel/module/main.c's percpu_modalloc()/percpu_modfree(): a module's DEFINE_PER_CPU variables
 * (its .data..percpu section) live in the per-CPU area's reserved chunk, not in module memory; the
 * section's symbols are offsets there (see PerCpu), and CPU 0's copy gets the initial bytes.
 */

/** A module's per-CPU data. */
final class ModulePercpu {
    /** The section of a module's per-CPU variables. */
    static final String SECTION = ".data..percpu";

    private ModulePercpu() {}

    /** percpu_modalloc(): 0, or -ENOMEM with 6.1's warning when the reserved chunk has no room. */
    static long alloc(Kernel kernel, Module mod) {
        for (Section s : mod.image().sections()) {
            if (!s.name().equals(SECTION)) {
                continue;
            }
            if (s.align() > Layout.PAGE_SIZE) {
                kernel.printk().log(4, mod.name() + ": per-cpu alignment " + s.align() + " > " + Layout.PAGE_SIZE);
                return -Errno.ENOMEM;
            }
            long off = kernel.perCpu().allocReserved(s.size(), s.align());
            if (off == 0) {
                kernel.printk().log(4, mod.name() + ": Could not allocate " + s.size() + " bytes percpu data");
                return -Errno.ENOMEM;
            }
            mod.percpu = off;
            mod.sectionAddrs.put(s.name(), off);
            if (s.bytes() != null) {
                kernel.memory().write(PerCpu.address(off), s.bytes());
            }
        }
        return 0;
    }

    /** percpu_modfree(). */
    static void free(Kernel kernel, Module mod) {
        if (mod.percpu != 0) {
            kernel.perCpu().free(mod.percpu);
            mod.percpu = 0;
        }
    }
}
