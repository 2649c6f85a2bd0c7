package dev.kplay.userland;

import dev.kplay.kernel.syscall.Syscalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/*
 * Where a command's stdout or stderr goes: the terminal, a pipe to the next command, an open
 * file (through write(2), so a sysfs store or a module's write handler sees exactly the bytes
 * the program wrote, one call per write), or /dev/null.
 */

/** A file descriptor's destination; {@link #write} returns bytes written or -errno, as write(2). */
public sealed interface Sink permits Sink.Buffer, Sink.Fd, Sink.Null {
    long write(byte[] data);

    default long write(String s) {
        return write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this is the terminal (isatty). */
    default boolean isTty() {
        return false;
    }

    /** Bytes kept in memory: the terminal or a pipe; bounded so a runaway writer cannot fill the heap. */
    final class Buffer implements Sink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final boolean tty;
        private final int limit;

        public Buffer(boolean tty, int limit) {
            this.tty = tty;
            this.limit = limit;
        }

        @Override
        public long write(byte[] data) {
            int room = Math.max(0, limit - bytes.size());
            bytes.write(data, 0, Math.min(room, data.length));
            return data.length;
        }

        @Override
        public boolean isTty() {
            return tty;
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        public String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** An open file of process {@code pid}. */
    record Fd(Syscalls sys, int pid, int fd) implements Sink {
        @Override
        public long write(byte[] data) {
            return sys.write(pid, fd, data);
        }
    }

    /** /dev/null. */
    record Null() implements Sink {
        @Override
        public long write(byte[] data) {
            return data.length;
        }
    }
}
