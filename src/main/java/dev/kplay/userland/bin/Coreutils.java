package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

/*
 * Small coreutils and procps programs, one method each, with GNU's messages: rm, touch, pidof.
 */

/** rm [-f] FILE..., touch FILE..., pidof NAME... */
final class Coreutils {
    private Coreutils() {}

    static int rm(Proc p) {
        boolean force = false;
        int status = 0;
        for (String a : p.args()) {
            if (a.matches("-[frRv]+")) {
                force |= a.contains("f");
                continue;
            }
            String abs = p.path(a);
            long[] st = p.sys().stat(p.pid(), abs);
            if (st == null) {
                if (!force) {
                    p.eprint("rm: cannot remove '" + a + "': No such file or directory\n");
                    status = 1;
                }
                continue;
            }
            if ((st[0] & Ls.S_IFMT) == Ls.S_IFDIR) {
                p.eprint("rm: cannot remove '" + a + "': Is a directory\n");
                status = 1;
                continue;
            }
            long r = p.sys().unlink(p.pid(), abs);
            if (r < 0) {
                p.eprint("rm: cannot remove '" + a + "': " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        if (p.args().isEmpty()) {
            p.eprint("rm: missing operand\nTry 'rm --help' for more information.\n");
            return 1;
        }
        return status;
    }

    static int touch(Proc p) {
        if (p.args().isEmpty()) {
            p.eprint("touch: missing file operand\nTry 'touch --help' for more information.\n");
            return 1;
        }
        int status = 0;
        for (String a : p.args()) {
            long fd = p.sys().open(p.pid(), p.path(a), 01 | 0100, 0644);
            if (fd < 0) {
                p.eprint("touch: cannot touch '" + a + "': " + Errno.strerror((int) fd) + "\n");
                status = 1;
            } else {
                p.sys().close(p.pid(), (int) fd);
            }
        }
        return status;
    }

    /** pidof NAME...: the pids whose comm is NAME, newest first, on one line. */
    static int pidof(Proc p) {
        StringBuilder b = new StringBuilder();
        for (String name : p.args()) {
            var tasks = Ps.tasks(p);
            for (int i = tasks.size() - 1; i >= 0; i--) {
                Ps.Task t = tasks.get(i);
                if (t.comm().equals(name) && t.pid() != p.pid()) {
                    b.append(b.isEmpty() ? "" : " ").append(t.pid());
                }
            }
        }
        if (b.isEmpty()) {
            return 1;
        }
        p.print(b.append('\n').toString());
        return 0;
    }
}
