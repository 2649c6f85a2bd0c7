package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.util.List;

/*
 * The few busybox 1.35 applets a kernel-module user meets (Debian's busybox package), with
 * busybox's own wording: "rmmod: can't unload module 'x': Device or resource busy".
 */

/** busybox APPLET [args]. */
final class Busybox {
    private Busybox() {}

    static int run(Proc p) {
        List<String> args = p.args();
        if (args.isEmpty()) {
            p.print("BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n"
                    + "Usage: busybox [function [arguments]...]\n");
            return 0;
        }
        String applet = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (applet) {
            case "rmmod" -> rmmod(p, rest);
            case "insmod" -> insmod(p, rest);
            default -> {
                p.eprint(applet + ": applet not found\n");
                yield 127;
            }
        };
    }

    private static int rmmod(Proc p, List<String> args) {
        int flags = 04000 | 0200;
        int status = 0;
        for (String a : args) {
            if (a.equals("-f")) {
                flags |= 01000;
                continue;
            }
            if (a.startsWith("-")) {
                continue;
            }
            String name = LoadedModules.normalize(Paths.baseName(a));
            long r = p.check(p.sys().deleteModule(p.pid(), name, flags));
            if (r < 0) {
                p.eprint("rmmod: can't unload module '" + name + "': " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        return status;
    }

    private static int insmod(Proc p, List<String> args) {
        if (args.isEmpty()) {
            p.eprint("BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: insmod FILE [SYMBOL=VALUE]...\n\n"
                    + "Load kernel module\n");
            return 1;
        }
        String file = args.get(0);
        long fd = p.check(p.sys().open(p.pid(), p.path(file), 0, 0));
        if (fd < 0) {
            p.eprint("insmod: can't insert '" + file + "': " + Errno.strerror((int) fd) + "\n");
            return 1;
        }
        long r;
        try {
            r = p.check(p.sys().finitModule(p.pid(), (int) fd, String.join(" ", args.subList(1, args.size())), 0));
        } finally {
            p.sys().close(p.pid(), (int) fd);
        }
        if (r < 0) {
            p.eprint("insmod: can't insert '" + file + "': " + Insmod.modStrerror((int) -r) + "\n");
            return 1;
        }
        return 0;
    }
}
