package dev.kplay.userland;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/*
 * The session's terminal as the foreground program sees it from fd 0: a pty in canonical mode
 * with 6.1's n_tty line discipline (drivers/tty/n_tty.c) and the termios a fresh pty gets
 * (ICANON, ECHO, ECHOE, ISIG, ICRNL). Typed bytes are processed as they arrive: a printable byte
 * is echoed and goes into the line being edited, VERASE (DEL or ^H) takes the last byte back and
 * echoes "\b \b", Enter ends the line (CR is turned into NL by ICRNL) and makes it readable, VEOF
 * (^D) makes what was typed so far readable without a newline (on an empty line: a read of 0, end
 * of file), VKILL (^U) erases the line, other control bytes echo as ^X (ECHOCTL). VINTR (^C) is not handled here: the page sends it as
 * SIGINT to the foreground job, as n_tty's isig() would.
 *
 * A read takes at most one line (n_tty_read in canonical mode stops at the line's end) and sleeps
 * while no line is ready: the reader registers a wake-up that runs when one is.
 */

/** The terminal's input queue and canonical line editing. */
public final class Tty {
    /** N_TTY_BUF_SIZE: what the line being edited may hold; bytes past it are dropped (n_tty beeps). */
    static final int LINE_MAX = 4095;

    /** Lines (and EOF marks) ready for a reader, in order; an empty array is an end of file. */
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    /** The rest of a line a read took only part of. */
    private byte[] partial;
    private int partialAt;
    /** The line being edited (not yet readable). */
    private final ByteArrayOutputStream editing = new ByteArrayOutputStream();
    /** A reader sleeping until a line is ready, or null. */
    private Runnable sleeper;

    /**
     * Models n_tty_receive_buf(): processes typed bytes; returns the echo the terminal shows.
     * A reader that was waiting is woken (once) when a line became ready.
     */
    public String receive(String typed) {
        StringBuilder echo = new StringBuilder();
        typed.codePoints().forEach(cp -> {
            int c = cp == '\r' ? '\n' : cp;                  // ICRNL
            if (c == '\n') {
                editing.write('\n');
                echo.append('\n');
                endLine();
            } else if (c == 4) {
                endLine();                                    // VEOF: not echoed
            } else if (c == 0x7f || c == 8) {
                byte[] line = editing.toByteArray();
                if (line.length > 0) {
                    int cut = line.length - 1;
                    while (cut > 0 && (line[cut] & 0xc0) == 0x80) {
                        cut--;                                // a whole UTF-8 character (IUTF8)
                    }
                    editing.reset();
                    editing.write(line, 0, cut);
                    echo.append("\b \b");                     // ECHOE
                }
            } else if (c == 21) {
                String line = editing.toString(StandardCharsets.UTF_8);
                echo.append("\b \b".repeat(line.codePointCount(0, line.length())));   // VKILL, ECHOE
                editing.reset();
            } else {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                if (editing.size() + b.length <= LINE_MAX) {
                    editing.write(b, 0, b.length);
                    if (c < 32 && c != '\t') {
                        echo.append('^').append((char) (c + 64));   // ECHOCTL
                    } else {
                        echo.appendCodePoint(c);
                    }
                }
            }
        });
        wake();
        return echo.toString();
    }

    private void endLine() {
        ready.add(editing.toByteArray());
        editing.reset();
    }

    /** Whether a read would return now (a line or an end of file is ready). */
    public boolean readable() {
        return partial != null || !ready.isEmpty();
    }

    /**
     * Models n_tty_read() in canonical mode once data is there: at most {@code max} bytes of the
     * next line; empty at an end of file (^D on an empty line). Null if nothing is ready.
     */
    public byte[] read(int max) {
        if (partial == null) {
            byte[] line = ready.poll();
            if (line == null) {
                return null;
            }
            if (line.length == 0) {
                return line;
            }
            partial = line;
            partialAt = 0;
        }
        int n = Math.min(Math.max(0, max), partial.length - partialAt);
        byte[] out = java.util.Arrays.copyOfRange(partial, partialAt, partialAt + n);
        partialAt += n;
        if (partialAt >= partial.length) {
            partial = null;
        }
        return out;
    }

    /** The reader sleeps until a line is ready; {@code wake} then runs once. */
    public void sleep(Runnable wake) {
        sleeper = wake;
        wake();
    }

    private void wake() {
        if (sleeper != null && readable()) {
            Runnable w = sleeper;
            sleeper = null;
            w.run();
        }
    }

    /** Models n_tty_flush_buffer() after VINTR/VQUIT: what was typed and not yet read is dropped. */
    public void flush() {
        ready.clear();
        partial = null;
        editing.reset();
    }

    /** Forgets the sleeping reader (it died, or the foreground job changed). */
    public void forgetSleeper() {
        sleeper = null;
    }

    /** Whether a reader sleeps waiting for input. */
    public boolean hasSleeper() {
        return sleeper != null;
    }

    /**
     * What bash's readline reads when it gets the terminal back after a job: every byte typed and
     * not read (in raw mode the line being edited too); the queue is left empty.
     */
    public String takeAll() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (partial != null) {
            all.write(partial, partialAt, partial.length - partialAt);
            partial = null;
        }
        for (byte[] line : ready) {
            all.write(line, 0, line.length);
        }
        ready.clear();
        all.write(editing.toByteArray(), 0, editing.size());
        editing.reset();
        return all.toString(StandardCharsets.UTF_8);
    }
}
