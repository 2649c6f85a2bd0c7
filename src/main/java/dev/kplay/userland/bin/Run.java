package dev.kplay.userland.bin;

import dev.kplay.kernel.syscall.StdStreams;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.userland.Command;
import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import dev.kplay.userland.TaskGone;

import java.util.List;

/*
 * A program file run by path (./prog, /root/a.out): bash's execve of it in the child it forked.
 * The kernel loads and runs the program in user mode with the child's streams as fds 0-2; what
 * bash prints when execve fails is bash's (126 for a file it cannot execute, 127 for none).
 */

/** Runs an executable file as the process's program. */
public final class Run {
    /** The environment bash exports to its children in kplay's session. */
    static final List<String> ENV = List.of("SHELL=/bin/bash", "PWD=/root", "LOGNAME=root", "HOME=/root",
            "LANG=C.UTF-8", "TERM=xterm-256color", "USER=root", "SHLVL=1",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    private Run() {}

    /** The command that runs the file at {@code name} (as typed) by execve. */
    public static Command program(String name) {
        return p -> run(p, name);
    }

    private static int run(Proc p, String name) {
        String abs = p.path(name);
        List<String> env = new java.util.ArrayList<>(ENV);
        env.set(1, "PWD=" + p.cwd());
        env.add("_=" + name);
        long r = p.sys().execve(p.pid(), abs, p.argv(), env, streams(p));
        if (r == Syscalls.RUNNING) {
            throw new TaskGone(false);
        }
        if (r == Syscalls.DIED) {
            throw new TaskGone(true);
        }
        if (r < 0) {
            String why = switch ((int) -r) {
                case Errno.ENOEXEC -> "cannot execute binary file: Exec format error";
                case Errno.EACCES -> isDir(p, abs) ? "Is a directory" : "Permission denied";
                default -> Errno.strerror((int) r);
            };
            p.eprint("bash: " + name + ": " + why + "\n");
            return r == -Errno.ENOENT ? 127 : 126;
        }
        return (int) ((r >> 8) & 0xff);
    }

    private static boolean isDir(Proc p, String abs) {
        long[] st = p.sys().stat(p.pid(), abs);
        return st != null && (st[0] & 0170000) == 0040000;
    }

    /** The process's stdin, stdout and stderr as the kernel's fds 0-2. */
    static StdStreams streams(Proc p) {
        return new StdStreams() {
            @Override
            public long write(int fd, byte[] data) {
                return fd == 2 ? p.err().write(data) : p.out().write(data);
            }

            @Override
            public byte[] read(int max) {
                try {
                    return p.input().read(p, max);
                } catch (TaskGone | Proc.FileError e) {
                    return null;
                }
            }

            @Override
            public boolean awaitInput(Runnable typed) {
                dev.kplay.userland.Tty tty = p.input().tty();
                if (tty == null || tty.readable()) {
                    return false;
                }
                tty.sleep(typed);
                return true;
            }

            @Override
            public void cancelInput() {
                if (p.input().tty() != null) {
                    p.input().tty().forgetSleeper();
                }
            }

            @Override
            public boolean isatty(int fd) {
                return fd == 0 ? p.input().isTty() : fd == 1 ? p.out().isTty() : fd == 2 && p.err().isTty();
            }

            @Override
            public boolean sleep(long nanos) {
                return p.shell().clock().sleep(nanos);
            }

            @Override
            public boolean background() {
                return p.shell().inBackground();
            }

            @Override
            public String cwd() {
                return p.cwd();
            }
        };
    }
}
