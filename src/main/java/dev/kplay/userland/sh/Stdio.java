package dev.kplay.userland.sh;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Input;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;
import dev.kplay.userland.Sink;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.userland.sh.Ast.Redirect;
import java.util.ArrayList;
import java.util.List;

/*
 * A command's three standard streams after bash has applied its redirections, in order, as the
 * child process (so the files are opened with its pid, as after fork): "<" reads the whole file
 * through read(2) into stdin, ">" and ">>" open a file for write(2), "2>&1" and ">&2" duplicate,
 * "&>" sends both. "<&3" reads a descriptor the shell holds (exec 3<) on demand; "3< file" opens
 * a file on fd 3 for this command only (dup2), closed when the command ends. /dev/null is handled here, as a sink that takes everything.
 * An open that sleeps in the kernel (a fifo with no writer yet) parks a background job until the
 * task is woken; a foreground one unwinds (TaskGone), its command still blocked.
 */

/** A process's stdin bytes, stdout and stderr after its redirections, and the fds to close. */
record Stdio(Input stdin, Sink out, Sink err, List<Sink.Fd> opened) {
    /** Closes the files the redirections opened. */
    void close() {
        for (Sink.Fd fd : opened) {
            fd.sys().close(fd.pid(), fd.fd());
        }
    }

    /** Applies redirections in order for process {@code who}; null (after bash's message) if one fails. */
    static Stdio open(List<Redirect> redirects, Expander ex, Syscalls sys, int who, String cwd, Input stdin, Sink out,
                      Sink terminal, java.util.Set<Integer> held) {
        Sink[] fds = {null, out, terminal};
        Input in = stdin;
        List<Sink.Fd> opened = new ArrayList<>();
        for (Redirect r : redirects) {
            String target = ex.string(r.target());
            if (r.op().equals(">&") || r.op().equals("<&")) {
                if (target.equals("-")) {
                    if (r.fd() == 1 || r.fd() == 2) {
                        fds[r.fd()] = new Sink.Null();
                    } else if (r.fd() == 0) {
                        in = Input.empty();
                    } else {
                        sys.close(who, r.fd());   // "3<&-": the child closes its inherited copy before it runs
                    }
                    continue;
                }
                if (target.matches("\\d+")) {
                    int from = Integer.parseInt(target);
                    if (from > 2 && held.contains(from) && r.fd() <= 2) {
                        if (r.fd() == 0) {
                            in = Input.fd(from);
                        } else {
                            fds[r.fd()] = new Sink.Fd(sys, who, from);
                        }
                        continue;
                    }
                    if (from > 2 || r.fd() > 2) {
                        terminal.write("bash: " + target + ": Bad file descriptor\n");
                        return closeAll(opened);
                    }
                    if (r.fd() >= 1 && from >= 1) {
                        fds[r.fd()] = fds[from];
                    }
                    continue;
                }
            }
            String path = Paths.resolve(cwd, target);
            if (r.fd() > 2) {
                int flags = r.op().startsWith("<") ? 0 : 01 | 0100 | (r.op().equals(">>") ? 02000 : 01000);
                long fd = Proc.orGone(Proc.restarting(sys, who, () -> sys.open(who, path, flags, 0644)));
                if (fd < 0) {
                    terminal.write("bash: " + target + ": " + Errno.strerror((int) fd) + "\n");
                    return closeAll(opened);
                }
                if (fd != r.fd()) {
                    sys.dup2(who, (int) fd, r.fd());
                    sys.close(who, (int) fd);
                }
                opened.add(new Sink.Fd(sys, who, r.fd()));
                continue;
            }
            if (r.op().equals("<") || r.op().equals("<&")) {
                if (path.equals("/dev/null")) {
                    in = Input.empty();
                    continue;
                }
                long fd = Proc.orGone(Proc.restarting(sys, who, () -> sys.open(who, path, 0, 0)));
                if (fd < 0) {
                    terminal.write("bash: " + target + ": " + Errno.strerror((int) fd) + "\n");
                    return closeAll(opened);
                }
                Proc reader = new Proc(sys, who, List.of("bash"), Input.empty(), new Sink.Null(), terminal, null);
                try {
                    in = Input.of(reader.readAll((int) fd));
                } catch (Proc.FileError e) {
                    terminal.write("bash: " + target + ": " + Errno.strerror(e.errno) + "\n");
                    return closeAll(opened);
                } finally {
                    sys.close(who, (int) fd);
                }
                continue;
            }
            Sink sink;
            if (path.equals("/dev/null")) {
                sink = new Sink.Null();
            } else {
                int flags = 01 | 0100 | (r.op().equals(">>") ? 02000 : 01000);
                long fd = Proc.orGone(Proc.restarting(sys, who, () -> sys.open(who, path, flags, 0644)));
                if (fd < 0) {
                    terminal.write("bash: " + target + ": " + Errno.strerror((int) fd) + "\n");
                    return closeAll(opened);
                }
                Sink.Fd f = new Sink.Fd(sys, who, (int) fd);
                opened.add(f);
                sink = f;
            }
            if (r.op().equals("&>")) {
                fds[1] = sink;
                fds[2] = sink;
            } else if (r.fd() == 1 || r.fd() == 2) {
                fds[r.fd()] = sink;
            }
        }
        return new Stdio(in, fds[1], fds[2], opened);
    }

    private static Stdio closeAll(List<Sink.Fd> opened) {
        new Stdio(null, null, null, opened).close();
        return null;
    }
}
