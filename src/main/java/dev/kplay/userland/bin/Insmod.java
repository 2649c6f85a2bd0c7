package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * kmod 30's insmod: the file is stat()ed ("could not load module X: No such file or directory"),
 * then opened and handed to finit_module(2) with the remaining arguments joined by spaces as the
 * parameter string. Errors from the kernel go through mod_strerror(), which gives four errnos the
 * module-specific wording ("Invalid module format", "Unknown symbol in module"...).
 */

/** insmod [-f] [-v] FILE [params...]. */
final class Insmod {
    private Insmod() {}

    static int run(Proc p) {
        List<String> args = new ArrayList<>(p.args());
        int flags = 0;
        while (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1) {
            String o = args.remove(0);
            switch (o) {
                case "-f", "--force" -> flags |= 3;
                case "-v", "--verbose", "-s", "--syslog", "-p" -> { }
                case "-h", "--help" -> {
                    p.print("Usage:\n\tinsmod [options] filename [args]\nOptions:\n"
                            + "\t-f, --force       DANGEROUS: forces a module load, may cause\n"
                            + "\t                  data corruption and crash your machine\n"
                            + "\t-s, --syslog      print to syslog, not stderr\n"
                            + "\t-v, --verbose     enables more messages\n"
                            + "\t-V, --version     show version\n"
                            + "\t-h, --help        show this help\n");
                    return 0;
                }
                case "-V", "--version" -> {
                    p.print("kmod version 30\n+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL\n");
                    return 0;
                }
                default -> {
                    p.eprint("insmod: ERROR: unexpected getopt_long() value '" + o.charAt(1) + "'.\n");
                    return 1;
                }
            }
        }
        if (args.isEmpty()) {
            p.eprint("insmod: ERROR: missing filename.\n");
            return 1;
        }
        String filename = args.get(0);
        if (filename.equals("-")) {
            p.eprint("insmod: ERROR: this tool does not support loading from stdin!\n");
            return 1;
        }
        String params = String.join(" ", args.subList(1, args.size()));
        String abs = p.path(filename);
        if (p.sys().stat(p.pid(), abs) == null) {
            p.eprint("insmod: ERROR: could not load module " + filename + ": No such file or directory\n");
            return 1;
        }
        long fd = p.check(p.sys().open(p.pid(), abs, 0, 0));
        if (fd < 0) {
            p.eprint("insmod: ERROR: could not insert module " + filename + ": " + Errno.strerror((int) fd) + "\n");
            return 1;
        }
        long r;
        try {
            r = p.check(p.sys().finitModule(p.pid(), (int) fd, params, flags));
        } finally {
            p.sys().close(p.pid(), (int) fd);
        }
        if (r < 0) {
            p.eprint("insmod: ERROR: could not insert module " + filename + ": " + modStrerror((int) -r) + "\n");
            return 1;
        }
        return 0;
    }

    /** mod_strerror() of kmod's insmod. */
    static String modStrerror(int errno) {
        return switch (errno) {
            case Errno.ENOEXEC -> "Invalid module format";
            case Errno.ENOENT -> "Unknown symbol in module";
            case Errno.ESRCH -> "Module has wrong symbol version";
            case Errno.EINVAL -> "Invalid parameters";
            default -> Errno.strerror(errno);
        };
    }
}
