package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.util.ArrayList;
import java.util.List;

/*
 * coreutils mknod: NAME TYPE [MAJOR MINOR] with TYPE c (or u), b or p, and -m MODE (default
 * 0666 less the umask 022). The node is made by the mknod(2) system call; major and minor are
 * packed as the kernel's new_encode_dev() expects. coreutils mkfifo [-m MODE] NAME... is here too:
 * the same mknod(2) call with S_IFIFO.
 */

/** mknod [-m MODE] NAME TYPE [MAJOR MINOR]. */
final class Mknod {
    private Mknod() {}

    private static final String TRY = "Try 'mknod --help' for more information.\n";

    /** mkfifo [-m MODE] NAME...: one FIFO per name; 1 if any could not be made. */
    static int mkfifo(Proc p) {
        int perm = 0666 & ~022;
        List<String> names = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-m") && i + 1 < args.size()) {
                String m = args.get(++i);
                if (!m.matches("[0-7]{1,4}")) {
                    p.eprint("mkfifo: invalid mode\n");
                    return 1;
                }
                perm = Integer.parseInt(m, 8);
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("mkfifo: invalid option -- '" + a.charAt(1) + "'\nTry 'mkfifo --help' for more information.\n");
                return 1;
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            p.eprint("mkfifo: missing operand\nTry 'mkfifo --help' for more information.\n");
            return 1;
        }
        int status = 0;
        for (String name : names) {
            long r = p.check(p.sys().mknod(p.pid(), p.path(name), Ls.S_IFIFO | perm, 0));
            if (r < 0) {
                p.eprint("mkfifo: cannot create fifo '" + name + "': " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        return status;
    }

    static int run(Proc p) {
        int perm = 0666 & ~022;
        List<String> ops = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-m") && i + 1 < args.size()) {
                String m = args.get(++i);
                if (!m.matches("[0-7]{1,4}")) {
                    p.eprint("mknod: invalid mode\n");
                    return 1;
                }
                perm = Integer.parseInt(m, 8);
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("mknod: invalid option -- '" + a.charAt(1) + "'\n" + TRY);
                return 1;
            } else {
                ops.add(a);
            }
        }
        if (ops.isEmpty()) {
            p.eprint("mknod: missing operand\n" + TRY);
            return 1;
        }
        int expected = ops.size() >= 2 && ops.get(1).startsWith("p") ? 2 : 4;
        if (ops.size() < expected) {
            p.eprint("mknod: missing operand after '" + ops.get(ops.size() - 1) + "'\n"
                    + (ops.size() == 2 ? "Special files require major and minor device numbers.\n" : "") + TRY);
            return 1;
        }
        if (ops.size() > expected) {
            p.eprint("mknod: extra operand '" + ops.get(expected) + "'\n"
                    + (expected == 2 ? "Fifos do not have major and minor device numbers.\n" : "") + TRY);
            return 1;
        }
        String name = ops.get(0);
        String type = ops.get(1);
        int mode;
        switch (type) {
            case "c", "u" -> mode = Ls.S_IFCHR;
            case "b" -> mode = Ls.S_IFBLK;
            case "p" -> mode = Ls.S_IFIFO;
            default -> {
                p.eprint("mknod: invalid device type '" + type + "'\n" + TRY);
                return 1;
            }
        }
        long dev = 0;
        if (mode != Ls.S_IFIFO) {
            long major;
            long minor;
            try {
                major = Long.decode(ops.get(2));
            } catch (NumberFormatException e) {
                p.eprint("mknod: invalid major device number '" + ops.get(2) + "'\n");
                return 1;
            }
            try {
                minor = Long.decode(ops.get(3));
            } catch (NumberFormatException e) {
                p.eprint("mknod: invalid minor device number '" + ops.get(3) + "'\n");
                return 1;
            }
            dev = (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
        }
        long r = p.check(p.sys().mknod(p.pid(), p.path(name), mode | perm, dev));
        if (r < 0) {
            p.eprint("mknod: " + name + ": " + Errno.strerror((int) r) + "\n");
            return 1;
        }
        return 0;
    }
}
