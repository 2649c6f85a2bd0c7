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
        Operands o = operands(p, "mkfifo");
        if (o == null) {
            return 1;
        }
        List<String> names = o.names();
        if (names.isEmpty()) {
            p.eprint("mkfifo: missing operand\nTry 'mkfifo --help' for more information.\n");
            return 1;
        }
        int status = 0;
        for (String name : names) {
            long r = p.check(p.sys().mknod(p.pid(), p.path(name), Ls.S_IFIFO | o.perm(), 0));
            if (r < 0) {
                p.eprint("mkfifo: cannot create fifo '" + name + "': " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        return status;
    }

    /** The operands and the permission bits (-m MODE, default 0666 less the umask 022). */
    private record Operands(List<String> names, int perm) {}

    /** Parses [-m MODE] OPERAND...; null after printing coreutils' message for a bad option or mode. */
    private static Operands operands(Proc p, String cmd) {
        int perm = 0666 & ~022;
        List<String> names = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-m") && i + 1 < args.size()) {
                String m = args.get(++i);
                if (!m.matches("[0-7]{1,4}")) {
                    p.eprint(cmd + ": invalid mode\n");
                    return null;
                }
                perm = Integer.parseInt(m, 8);
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint(cmd + ": invalid option -- '" + a.charAt(1) + "'\nTry '" + cmd + " --help' for more information.\n");
                return null;
            } else {
                names.add(a);
            }
        }
        return new Operands(names, perm);
    }

    static int run(Proc p) {
        Operands o = operands(p, "mknod");
        if (o == null) {
            return 1;
        }
        List<String> ops = o.names();
        int perm = o.perm();
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
