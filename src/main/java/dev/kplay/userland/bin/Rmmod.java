package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * kmod 30's rmmod. Without -f it first checks, as check_module_inuse() does, that the module is
 * loaded (/sys/module/X/initstate), has no holders and a zero refcount; then delete_module(2) with
 * O_NONBLOCK (plus O_TRUNC for -f). A failed delete_module prints libkmod's own line (with its
 * source location, as the real library logs it) and rmmod's.
 *
 * One deliberate difference from kmod 30: a module left at refcount -1 (its exit function oopsed)
 * gets "Module X is in use", as older kmod releases printed, where kmod 30 exits 1 silently.
 */

/** rmmod [-f] [-v] [-s] MODULE... */
final class Rmmod {
    private Rmmod() {}

    private static final int O_NONBLOCK = 04000;
    private static final int O_TRUNC = 01000;

    static int run(Proc p) {
        boolean force = false;
        List<String> names = new ArrayList<>();
        for (String a : p.args()) {
            switch (a) {
                case "-f", "--force" -> force = true;
                case "-v", "--verbose", "-s", "--syslog", "-w", "--wait" -> { }
                case "-h", "--help" -> {
                    p.print("Usage:\n\trmmod [options] modulename ...\nOptions:\n"
                            + "\t-f, --force       forces a module unload and may crash your\n"
                            + "\t                  machine. This requires Forced Module Removal\n"
                            + "\t                  option in your kernel. DANGEROUS\n"
                            + "\t-s, --syslog      print to syslog, not stderr\n"
                            + "\t-v, --verbose     enables more messages\n"
                            + "\t-V, --version     show version\n"
                            + "\t-h, --help        show this help\n");
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        p.eprint("rmmod: ERROR: unexpected getopt_long() value '" + a.charAt(1) + "'.\n");
                        return 1;
                    }
                    names.add(a);
                }
            }
        }
        if (names.isEmpty()) {
            p.eprint("rmmod: ERROR: missing module name.\n");
            return 1;
        }
        int failures = 0;
        for (String arg : names) {
            String name = LoadedModules.normalize(Paths.baseName(arg));
            if (!force && checkModuleInuse(p, name) < 0) {
                failures++;
                continue;
            }
            int flags = O_NONBLOCK | (force ? O_TRUNC : 0);
            long r = p.check(p.sys().deleteModule(p.pid(), name, flags));
            if (r < 0) {
                String why = Errno.strerror((int) -r);
                p.eprint("rmmod: ERROR: ../libkmod/libkmod-module.c:856 kmod_module_remove_module() could not remove '"
                        + name + "': " + why + "\n");
                p.eprint("rmmod: ERROR: could not remove module " + name + ": " + why + "\n");
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Models check_module_inuse() of kmod's rmmod: 0 if the module may go, else negative. */
    private static int checkModuleInuse(Proc p, String name) {
        String state = LoadedModules.initstate(p, name);
        if (state == null) {
            p.eprint("rmmod: ERROR: Module " + name + " is not currently loaded\n");
            return -Errno.ENOENT;
        }
        LoadedModules.Line line = LoadedModules.find(p, name);
        List<String> holders = LoadedModules.holders(p, name, line);
        if (!holders.isEmpty()) {
            p.eprint("rmmod: ERROR: Module " + name + " is in use by: " + String.join(" ", holders) + "\n");
            return -Errno.EBUSY;
        }
        if (LoadedModules.refcnt(p, name, line) != 0) {
            p.eprint("rmmod: ERROR: Module " + name + " is in use\n");
            return -Errno.EBUSY;
        }
        return 0;
    }
}
