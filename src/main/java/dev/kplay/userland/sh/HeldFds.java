package dev.kplay.userland.sh;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Sink;
import dev.kplay.userland.TaskGone;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.userland.sh.Ast.Redirect;
import java.util.List;
import java.util.Set;

/*
 * "exec" with only redirections: bash applies them to itself, so the files stay open in the shell
 * process across commands and every command it starts inherits them (spawn copies the fd table,
 * as fork does). "exec 3< /dev/x" opens the file as the shell and moves it to fd 3 with dup2;
 * "exec 3<&-" closes fd 3 through close(2) (after saving it on fd 10, as the shells do, and then
 * closing that copy too), so the kernel drops its reference and a device's release() runs when the
 * last one goes.
 */

/** The descriptors the shell process holds open itself, changed by exec's redirections. */
record HeldFds(Syscalls sys, int pid, String cwd, Set<Integer> held) {
    /** Models bash's exec builtin without a command: 0, or 1 after bash's message. */
    int exec(List<Redirect> redirects, Expander ex, Sink terminal) {
        for (Redirect r : redirects) {
            String target = ex.string(r.target());
            boolean dup = r.op().equals("<&") || r.op().equals(">&");
            if (dup && target.equals("-")) {
                if (held.remove(r.fd())) {
                    // as dash and bash apply it: the fd is first saved above 9 (fcntl F_DUPFD, for
                    // an undo), then closed, then the saved copy is dropped
                    int saved = 10;
                    while (held.contains(saved)) {
                        saved++;
                    }
                    sys.dup2(pid, r.fd(), saved);
                    if (sys.close(pid, r.fd()) == Syscalls.DIED) {
                        throw new TaskGone(true);   // the close oopsed (a file of a module that is gone)
                    }
                    if (sys.close(pid, saved) == Syscalls.DIED) {
                        throw new TaskGone(true);
                    }
                }
                continue;
            }
            if (dup && target.matches("\\d+")) {
                int from = Integer.parseInt(target);
                if (!held.contains(from)) {
                    terminal.write("bash: " + target + ": Bad file descriptor\n");
                    return 1;
                }
                sys.dup2(pid, from, r.fd());
                held.add(r.fd());
                continue;
            }
            if (r.fd() <= 2 || r.op().equals("&>")) {
                continue;
            }
            int flags = r.op().startsWith("<") ? 0 : 01 | 0100 | (r.op().equals(">>") ? 02000 : 01000);
            String path = Paths.resolve(cwd, target);
            long fd = dev.kplay.userland.Proc.orGone(dev.kplay.userland.Proc.restarting(sys, pid,
                    () -> sys.open(pid, path, flags, 0644)));
            if (fd < 0) {
                terminal.write("bash: " + target + ": " + Errno.strerror((int) fd) + "\n");
                return 1;
            }
            if (fd != r.fd()) {
                sys.dup2(pid, (int) fd, r.fd());
                sys.close(pid, (int) fd);
            }
            held.add(r.fd());
        }
        return 0;
    }
}
