package dev.kplay.kernel.printk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/*
 * The printk ring buffer (kernel/printk/printk_ringbuffer.c, much simplified): records with
 * increasing sequence numbers in a byte-bounded ring, the oldest overwritten when a new record
 * does not fit. As in 6.1, a record without a trailing newline stays open so that a following
 * KERN_CONT printk can extend it; readers (dmesg, /dev/kmsg, subscribers) only ever see
 * finalized records, so a reader never observes half a line.
 */

/** The log ring: finalized records for readers, one open record for pr_cont. */
public final class LogRing {
    /** Bytes a record costs besides its text (struct prb_desc + printk_info, roughly). */
    static final int RECORD_OVERHEAD = 88;

    private final int capacityBytes;
    /** Finalized records, oldest first; their sizes sum to at most capacityBytes. */
    private final ArrayDeque<LogRecord> records = new ArrayDeque<>();
    private long usedBytes;
    private long nextSeq;
    /** The record still open for continuation (not yet visible to readers), or null. */
    private LogRecord open;
    /** First sequence number syslog READ_ALL returns (moved by dmesg -c / -C). */
    private long clearSeq;
    private final List<Consumer<LogRecord>> subscribers = new CopyOnWriteArrayList<>();

    public LogRing(int capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Stores a new record; finalizes any open one first. Returns its sequence number. */
    public synchronized long store(int level, int facility, long tsNanos, String text, boolean finalized) {
        finalizeOpen();
        LogRecord r = new LogRecord(nextSeq++, level, facility, tsNanos, text);
        if (finalized) {
            commit(r);
        } else {
            open = r;
        }
        return r.seq();
    }

    /** Appends KERN_CONT text to the open record; returns false if there is none (caller stores anew). */
    public synchronized boolean extend(String text, boolean finalize) {
        if (open == null) {
            return false;
        }
        open = new LogRecord(open.seq(), open.level(), open.facility(), open.tsNanos(), open.text() + text);
        if (finalize) {
            finalizeOpen();
        }
        return true;
    }

    /** Whether a record is open for KERN_CONT. */
    public boolean hasOpen() {
        return open != null;
    }

    /** Makes the open record visible (a newline came, or another record started). */
    public synchronized void finalizeOpen() {
        if (open != null) {
            LogRecord r = open;
            open = null;
            commit(r);
        }
    }

    private void commit(LogRecord r) {
        long size = RECORD_OVERHEAD + r.text().length();
        while (!records.isEmpty() && usedBytes + size > capacityBytes) {
            LogRecord old = records.removeFirst();
            usedBytes -= RECORD_OVERHEAD + old.text().length();
        }
        records.addLast(r);
        usedBytes += size;
        for (Consumer<LogRecord> s : subscribers) {
            s.accept(r);
        }
    }

    /** All finalized records still in the ring, oldest first. */
    public synchronized List<LogRecord> records() {
        return new ArrayList<>(records);
    }

    /** Finalized records with seq &gt; {@code seq}, oldest first (pass -1 for all). */
    public synchronized List<LogRecord> after(long seq) {
        List<LogRecord> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.seq() > seq) {
                out.add(r);
            }
        }
        return out;
    }

    /** Records syslog READ_ALL returns: those at or after the clear mark. */
    public synchronized List<LogRecord> sinceClear() {
        return after(clearSeq - 1);
    }

    /** syslog CLEAR: later READ_ALL calls start after the newest record. */
    public synchronized void clear() {
        clearSeq = nextSeq;
    }

    /** The sequence number the next record will get. */
    public long nextSeq() {
        return nextSeq;
    }

    /**
     * Calls {@code consumer} with every record finalized from now on (in the kernel's thread,
     * in order). Close the returned handle to stop.
     */
    public AutoCloseable subscribe(Consumer<LogRecord> consumer) {
        subscribers.add(consumer);
        return () -> subscribers.remove(consumer);
    }
}
