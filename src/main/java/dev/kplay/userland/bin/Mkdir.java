package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * coreutils mkdir [-p] DIR...: each directory by mkdir(2) with mode 0777 less the umask 022;
 * -p makes the missing parents first and is quiet about directories that exist.
 */

/** mkdir [-p] DIR... */
final class Mkdir {
    private Mkdir() {}

    static int run(Proc p) {
        boolean parents = false;
        List<String> dirs = new ArrayList<>();
        for (String a : p.args()) {
            if (a.equals("-p") || a.equals("--parents")) {
                parents = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("mkdir: invalid option -- '" + a.charAt(1) + "'\nTry 'mkdir --help' for more information.\n");
                return 1;
            } else {
                dirs.add(a);
            }
        }
        if (dirs.isEmpty()) {
            p.eprint("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
            return 1;
        }
        int status = 0;
        for (String d : dirs) {
            String abs = p.path(d);
            long r;
            if (parents) {
                r = 0;
                StringBuilder at = new StringBuilder();
                for (String part : abs.split("/")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    at.append('/').append(part);
                    long[] st = p.sys().stat(p.pid(), at.toString());
                    if (st != null && (st[0] & 0170000) == 0040000) {
                        continue;
                    }
                    r = p.check(p.sys().mkdir(p.pid(), at.toString(), 0755));
                    if (r < 0) {
                        break;
                    }
                }
            } else {
                r = p.check(p.sys().mkdir(p.pid(), abs, 0755));
            }
            if (r < 0) {
                p.eprint("mkdir: cannot create directory \u2018" + d + "\u2019: " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        return status;
    }
}
