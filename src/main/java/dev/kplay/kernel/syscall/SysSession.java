package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.tty.TtyStruct;

/*
 * Sessions and process groups (kernel/sys.c: setsid, setpgid), nice values (kernel/sys.c: setpriority,
 * getpriority for PRIO_PROCESS; the caller is root, so any value is allowed) and the terminal's side of job control
 * (drivers/tty/tty_jobctrl.c: the controlling tty, TIOCSPGRP). The login shell makes itself a session
 * and takes the page's terminal, pts/0, as its controlling tty; an interactive bash then puts each
 * job in a process group of its own and hands the terminal's foreground to the job that runs in front.
 * A fork inherits the group, the session and the tty (copy_process()). kplay has one terminal.
 */

/** setsid, setpgid, setpriority, getpriority, the controlling tty and tcsetpgrp. */
final class SysSession {
    private final Kernel k;
    /** The page's terminal. */
    private final TtyStruct pts = new TtyStruct(TtyStruct.PTS_MAJOR, 0);

    SysSession(Kernel k) {
        this.k = k;
    }

    /** Models ksys_setsid(): -EPERM if a process group with the caller's pid exists (it leads one). */
    long setsid(int pid) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        for (Task o : k.tasks().values()) {
            if (o.alive() && o.pgrp() == pid) {
                return -Errno.EPERM;
            }
        }
        t.setSession(pid);
        t.setPgrp(pid);
        t.setTty(null);                 // proc_clear_tty(): a new session has no controlling terminal
        return pid;
    }

    /** Models setpgid(): the caller itself or a child of it, in the caller's session, not a session leader. */
    long setpgid(int caller, int pid, int pgid) {
        Task c = k.task(caller);
        int who = pid == 0 ? caller : pid;
        Task t = k.task(who);
        if (c == null || t == null || !t.alive() || (t != c && t.ppid() != caller)) {
            return -Errno.ESRCH;
        }
        int g = pgid == 0 ? who : pgid;
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        if (t.session() != c.session() || t.session() == who) {
            return -Errno.EPERM;
        }
        if (g != who) {
            boolean found = false;
            for (Task o : k.tasks().values()) {
                found |= o.alive() && o.pgrp() == g && o.session() == c.session();
            }
            if (!found) {
                return -Errno.EPERM;
            }
        }
        t.setPgrp(g);
        return 0;
    }

    /** Models tty_open_proc_set_tty(): a session leader with no terminal opens pts/0 and it becomes the session's. */
    long setControllingTty(int pid) {
        Task t = SyscallTable.caller(k, pid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        if (t.session() != pid || t.tty() != null || (pts.session() != 0 && pts.session() != pid)) {
            return -Errno.EPERM;
        }
        pts.setSession(pid, t.pgrp());
        t.setTty(pts);
        return 0;
    }

    /** Models tiocspgrp(): -ENOTTY unless it is the caller's controlling tty, -EPERM for a group of another session. */
    long tcsetpgrp(int pid, int pgrp) {
        Task t = k.task(pid);
        if (t == null || t.tty() == null || t.tty().session() != t.session()) {
            return -Errno.ENOTTY;
        }
        if (pgrp < 0) {
            return -Errno.EINVAL;
        }
        for (Task o : k.tasks().values()) {
            if (o.alive() && o.pgrp() == pgrp && o.session() == t.session()) {
                t.tty().setPgrp(pgrp);
                return 0;
            }
        }
        return -Errno.EPERM;
    }

    /** Models getpriority(PRIO_PROCESS): 20 - nice, as the syscall returns it (glibc turns it into the nice value). */
    long getpriority(int caller, int pid) {
        Task t = k.task(pid == 0 ? caller : pid);
        return t == null || !t.alive() ? -Errno.ESRCH : 20 - t.nice();
    }

    /** Models setpriority(PRIO_PROCESS) -> set_one_prio(): the nice value, clamped to MIN_NICE..MAX_NICE. */
    long setpriority(int caller, int pid, int nice) {
        Task t = k.task(pid == 0 ? caller : pid);
        if (t == null || !t.alive()) {
            return -Errno.ESRCH;
        }
        t.setNice(Math.max(-20, Math.min(19, nice)));
        return 0;
    }
}
