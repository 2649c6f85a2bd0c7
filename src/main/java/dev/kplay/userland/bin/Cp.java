package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.util.List;

/*
 * coreutils cp SOURCE... DEST for regular files: each source is read whole and written to DEST
 * (or to DEST/NAME when DEST is a directory), created with mode 0644 or truncated. Directories
 * are refused without -r, as cp does ("-r not specified; omitting directory").
 */

/** cp SOURCE... DEST. */
final class Cp {
    private Cp() {}

    static final int O_WRONLY = 01, O_CREAT = 0100, O_TRUNC = 01000;

    static int run(Proc p) {
        List<String> args = p.args();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1) {
                p.eprint("cp: invalid option -- '" + a.charAt(1) + "'\nTry 'cp --help' for more information.\n");
                return 1;
            }
        }
        if (args.isEmpty()) {
            p.eprint("cp: missing file operand\nTry 'cp --help' for more information.\n");
            return 1;
        }
        if (args.size() == 1) {
            p.eprint("cp: missing destination file operand after '" + args.get(0) + "'\n"
                    + "Try 'cp --help' for more information.\n");
            return 1;
        }
        String dest = args.get(args.size() - 1);
        long[] dst = p.sys().stat(p.pid(), p.path(dest));
        boolean intoDir = dst != null && (dst[0] & 0170000) == 0040000;
        if (args.size() > 2 && !intoDir) {
            p.eprint("cp: target '" + dest + "' is not a directory\n");
            return 1;
        }
        int status = 0;
        for (String src : args.subList(0, args.size() - 1)) {
            long[] st = p.sys().stat(p.pid(), p.path(src));
            if (st == null) {
                p.eprint("cp: cannot stat '" + src + "': No such file or directory\n");
                status = 1;
                continue;
            }
            if ((st[0] & 0170000) == 0040000) {
                p.eprint("cp: -r not specified; omitting directory '" + src + "'\n");
                status = 1;
                continue;
            }
            String target = intoDir ? p.path(dest) + "/" + Paths.baseName(src) : p.path(dest);
            if (!copy(p, src, target, intoDir ? dest + "/" + Paths.baseName(src) : dest)) {
                status = 1;
            }
        }
        return status;
    }

    private static boolean copy(Proc p, String src, String target, String shown) {
        byte[] data;
        try {
            data = p.readFile(p.path(src));
        } catch (Proc.FileError e) {
            p.eprint("cp: cannot open '" + src + "' for reading: " + Errno.strerror(e.errno) + "\n");
            return false;
        }
        long fd = p.check(p.sys().open(p.pid(), target, O_WRONLY | O_CREAT | O_TRUNC, 0644));
        if (fd < 0) {
            p.eprint("cp: cannot create regular file '" + shown + "': " + Errno.strerror((int) fd) + "\n");
            return false;
        }
        try {
            long w = p.check(p.sys().write(p.pid(), (int) fd, data));
            if (w < 0) {
                p.eprint("cp: error writing '" + shown + "': " + Errno.strerror((int) w) + "\n");
                return false;
            }
        } finally {
            p.sys().close(p.pid(), (int) fd);
        }
        return true;
    }
}
