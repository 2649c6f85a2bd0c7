package dev.kplay.kernel.tty;

/*
 * struct tty_struct, reduced to what job control needs (drivers/tty/tty_jobctrl.c): the session the
 * terminal is the controlling tty of, and its foreground process group, which bash moves to each
 * foreground job (tcsetpgrp) and back to itself at the prompt. /proc/PID/stat shows both through the
 * task's signal->tty (tty_nr, tpgid), and procps' ps derives its TTY column and the '+' of STAT from
 * them. The terminal input itself (the line discipline) lives on the user side, in userland.Tty.
 */

/** A terminal's job-control state. */
public final class TtyStruct {
    /** UNIX98_PTY_SLAVE_MAJOR: the major of /dev/pts/N. */
    public static final int PTS_MAJOR = 136;

    private final int major;
    private final int index;
    /** tty->session: the session leader's pid, 0 while no session holds the terminal. */
    private int session;
    /** tty->pgrp: the foreground process group, 0 if none. */
    private int pgrp;

    public TtyStruct(int major, int index) {
        this.major = major;
        this.index = index;
    }

    /** Models new_encode_dev(tty_devnum(tty)), the tty_nr of /proc/PID/stat. */
    public int ttyNr() {
        return (index & 0xff) | (major << 8) | ((index & ~0xff) << 12);
    }

    /** The name procps shows in its TTY column ("pts/0"). */
    public String name() {
        return major == PTS_MAJOR ? "pts/" + index : "tty" + index;
    }

    public int session() { return session; }

    public int pgrp() { return pgrp; }

    /** Models __proc_set_tty(): the terminal becomes the controlling tty of {@code sid}, whose group is in front. */
    public void setSession(int sid, int foreground) {
        session = sid;
        pgrp = foreground;
    }

    /** Models tiocspgrp() (TIOCSPGRP, tcsetpgrp()): {@code g} becomes the foreground process group. */
    public void setPgrp(int g) { pgrp = g; }
}
