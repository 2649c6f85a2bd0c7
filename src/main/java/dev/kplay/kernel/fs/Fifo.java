package dev.kplay.kernel.fs;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/*
 * A named pipe (mkfifo), as fs/pipe.c keeps one: an inode whose pipe_inode_info holds the bytes
 * written and not yet read, and how many readers and writers have it open. fifo_open() counts the
 * opener in at once and, without O_NONBLOCK, then waits until the other side has come
 * (wait_for_partner() on the partner's counter), so "read x < fifo" blocks until someone opens the
 * fifo for writing. A task asleep in an open is kept here by pid with the partner counter it saw;
 * its open completes when it calls again after the partner came (the syscall restarting on wake-up).
 * pipe_read() returns what is buffered, and end of file once no writer is left; pipe_write() with
 * no reader left is EPIPE.
 */

/** A FIFO inode and its pipe. */
public final class Fifo extends Inode {
    public static final int S_IFIFO = 0010000;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int readers;
    private int writers;
    /** pipe->r_counter / w_counter: how many opens for read / for write there ever were. */
    private int rCounter;
    private int wCounter;
    /** Tasks asleep in fifo_open(), by pid: whether they open for read, and the partner counter they saw. */
    private final Map<Integer, int[]> waiting = new HashMap<>();

    public Fifo(int perm) {
        super(S_IFIFO | perm);
    }

    /** How an open of the fifo stands: 0 opened, 1 the task sleeps in fifo_open() for its partner. */
    public static final int OPENED = 0, WAITING = 1;

    /** Models fifo_open() for a reader ({@code read}) or a writer; O_RDWR never waits. */
    public int open(int pid, boolean read, boolean write) {
        int[] w = waiting.get(pid);
        if (w != null) {
            boolean partnerCame = w[0] == 1 ? wCounter != w[1] : rCounter != w[1];
            if (!partnerCame) {
                return WAITING;
            }
            waiting.remove(pid);
            return OPENED;
        }
        if (read) {
            readers++;
            rCounter++;
        }
        if (write) {
            writers++;
            wCounter++;
        }
        if (read && write) {
            return OPENED;
        }
        if (read && writers == 0) {
            waiting.put(pid, new int[] {1, wCounter});
            return WAITING;
        }
        if (write && readers == 0) {
            waiting.put(pid, new int[] {0, rCounter});
            return WAITING;
        }
        return OPENED;
    }

    /** Whether task {@code pid} is asleep in fifo_open() waiting for its partner. */
    public boolean waitingInOpen(int pid) {
        int[] w = waiting.get(pid);
        return w != null && (w[0] == 1 ? wCounter == w[1] : rCounter == w[1]);
    }

    /** A task asleep in fifo_open() gave up (a signal killed it): it no longer counts as an opener. */
    public void abandonOpen(int pid) {
        int[] w = waiting.remove(pid);
        if (w != null) {
            release(w[0] == 1, w[0] == 0);
        }
    }

    /** Models pipe_read(): up to count bytes, empty at end of file, or null if the reader must wait. */
    public byte[] read(int count) {
        byte[] all = buffer.toByteArray();
        if (all.length == 0) {
            return writers == 0 ? new byte[0] : null;
        }
        int n = Math.min(count, all.length);
        buffer.reset();
        buffer.write(all, n, all.length - n);
        return Arrays.copyOf(all, n);
    }

    /** Models pipe_write(): bytes taken, or -EPIPE with no reader left. */
    public long write(byte[] data) {
        if (readers == 0) {
            return -32;
        }
        buffer.write(data, 0, data.length);
        return data.length;
    }

    /** Models pipe_release(): the reader or writer leaves; the buffer goes with the last of both. */
    public void release(boolean read, boolean write) {
        if (read) {
            readers = Math.max(0, readers - 1);
        }
        if (write) {
            writers = Math.max(0, writers - 1);
        }
        if (readers == 0 && writers == 0) {
            buffer.reset();
        }
    }

    /** Whether a reader would find data or end of file (pipe_read() would not sleep). */
    public boolean readable() {
        return buffer.size() > 0 || writers == 0;
    }

    @Override
    public long size() { return 0; }
}
