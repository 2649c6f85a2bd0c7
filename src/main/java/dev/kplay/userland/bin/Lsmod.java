package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;

import java.util.List;

/*
 * kmod 30's lsmod: the module list from /proc/modules, and for each module its core size, refcount
 * and holders from /sys/module (which is why a module stuck in "Loading" shows its core size here
 * but core+init in /proc/modules). printf("%-19s %8lu  %d", ...) then " holder,holder".
 */

/** lsmod. */
final class Lsmod {
    private Lsmod() {}

    static int run(Proc p) {
        if (!p.args().isEmpty()) {
            p.eprint("Usage: lsmod\n");
            return 1;
        }
        List<LoadedModules.Line> lines = LoadedModules.list(p);
        if (lines == null) {
            p.eprint("lsmod: ERROR: could not get list of modules: No such file or directory\n");
            return 1;
        }
        StringBuilder b = new StringBuilder("Module                  Size  Used by\n");
        for (LoadedModules.Line l : lines) {
            b.append(String.format("%-19s %8d  %d", l.name(), LoadedModules.coresize(p, l.name(), l),
                    LoadedModules.refcnt(p, l.name(), l)));
            List<String> holders = LoadedModules.holders(p, l.name(), l);
            if (!holders.isEmpty()) {
                b.append(' ').append(String.join(",", holders));
            }
            b.append('\n');
        }
        p.print(b.toString());
        return 0;
    }
}
