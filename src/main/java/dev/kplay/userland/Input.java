package dev.kplay.userland;

import java.io.ByteArrayOutputStream;

/*
 * A command's standard input as bash hands it over: bytes in memory (a pipe from the previous
 * stage, a file "<" read ahead, nothing at the terminal) or a descriptor the process holds open
 * ("<&3" on a file the shell opened with exec), read through read(2) only when the program reads,
 * or the terminal itself (a foreground job at the prompt: lines the user types, see Tty).
 * Input is consumed, not copied: in "while read -r l; do ...; done < f" each read takes one line
 * and the loop's body sees the rest, as with a real file offset.
 */

/** A standard input that programs consume: in-memory bytes or an open fd read on demand. */
public final class Input {
    private final byte[] data;
    private int offset;
    /** The descriptor read on demand, or -1 for in-memory bytes. */
    private final int fd;
    /** The terminal, when this is the foreground job's stdin at the prompt; else null. */
    private final Tty tty;

    private Input(byte[] data, int fd) {
        this(data, fd, null);
    }

    private Input(byte[] data, int fd, Tty tty) {
        this.data = data;
        this.fd = fd;
        this.tty = tty;
    }

    /**
     * The terminal as a foreground job's stdin: a user program's read(2) waits for a typed line
     * (see {@link Tty}); kplay's own commands (cat, read) sleep the same way on the foreground
     * line's thread (Coroutine.awaitTerminal), and see an end of file anywhere else.
     */
    public static Input terminal(Tty tty) {
        return new Input(new byte[0], -1, tty);
    }

    /** Whether this is the terminal (isatty(0)). */
    public boolean isTty() {
        return tty != null;
    }

    /** The terminal, or null if stdin is not one. */
    public Tty tty() {
        return tty;
    }

    public static Input of(byte[] data) {
        return new Input(data, -1);
    }

    public static Input empty() {
        return of(new byte[0]);
    }

    /** An fd that process {@code p} reads with read(2) (it has it by fork or exec N&lt;). */
    public static Input fd(int fd) {
        return new Input(null, fd);
    }

    /** The rest of the input, as process {@code p} reads it to end of file. */
    byte[] drain(Proc p) {
        if (tty != null) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] chunk;
            while (all.size() < Proc.MAX_READ && (chunk = read(p, 4096)).length > 0) {
                all.write(chunk, 0, chunk.length);
            }
            return all.toByteArray();
        }
        if (fd >= 0) {
            return p.readAll(fd);
        }
        byte[] rest = java.util.Arrays.copyOfRange(data, offset, data.length);
        offset = data.length;
        return rest;
    }

    /**
     * One line without its newline ({@code max} &gt; 0: at most max bytes); {@code eof} when end of
     * input came first (read then returns 1, though it still assigns what it got).
     */
    public record Line(String text, boolean eof) {}

    public Line readLine(Proc p, int max) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (max <= 0 || b.size() < max) {
            int c = readByte(p);
            if (c < 0) {
                return new Line(b.toString(java.nio.charset.StandardCharsets.UTF_8), true);
            }
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        return new Line(b.toString(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    /**
     * read(2) of at most max bytes, as a user program reads its stdin: the next bytes in memory, or
     * one read of the descriptor; empty at end of input, null if the read failed.
     */
    public byte[] read(Proc p, int max) {
        if (tty != null && (tty.readable() || dev.kplay.userland.sh.Coroutine.awaitTerminal(p.pid(), tty::readable))) {
            return tty.read(max);
        }
        if (fd < 0) {
            int n = Math.max(0, Math.min(max, data.length - offset));
            byte[] b = java.util.Arrays.copyOfRange(data, offset, offset + n);
            offset += n;
            return b;
        }
        return p.sys().read(p.pid(), fd, max);
    }

    /** One byte, or -1 at end of input; an fd is read one byte at a time, as bash's read does. */
    private int readByte(Proc p) {
        if (tty != null) {
            byte[] one = read(p, 1);
            return one.length == 0 ? -1 : one[0] & 0xff;
        }
        if (fd < 0) {
            return offset < data.length ? data[offset++] & 0xff : -1;
        }
        byte[] one = p.sys().read(p.pid(), fd, 1);
        if (one == null) {
            throw new Proc.FileError(p.readFailure());
        }
        return one.length == 0 ? -1 : one[0] & 0xff;
    }
}
