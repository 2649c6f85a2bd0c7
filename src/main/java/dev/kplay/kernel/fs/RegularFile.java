package dev.kplay.kernel.fs;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/*
 * A ramfs regular file (the user's sources and X.ko under /root): its bytes in memory. A file
 * written whole, into an empty file, from bytes their owner declared shareable (never written
 * again: the stock ~/linux tree every boot puts in /root/linux) keeps that array instead of a copy,
 * until its first change copies it (as a page cache page is shared until written). So the tree
 * costs the heap once for all sessions, not once per kernel.
 */

/** A regular file with stored contents. */
public final class RegularFile extends Inode {
    /** Arrays declared never written again (weak identity keys: byte[] has identity equals). */
    private static final Map<byte[], Boolean> SHAREABLE = Collections.synchronizedMap(new WeakHashMap<>());

    private byte[] data = new byte[0];
    private int length;
    /** Whether data is a shareable array (copied before any change). */
    private boolean sharedData;

    /** Declares {@code bytes} never written again by anyone, so files written whole from it may keep it; returns it. */
    public static byte[] shareable(byte[] bytes) {
        SHAREABLE.put(bytes, Boolean.TRUE);
        return bytes;
    }

    public RegularFile(int perm) {
        super(S_IFREG | perm);
    }

    @Override
    public long size() { return length; }

    /** The contents. */
    public byte[] contents() { return Arrays.copyOf(data, length); }

    /** Whether the contents are still exactly {@code bytes}, the shareable array the file was written whole from. */
    public boolean holds(byte[] bytes) {
        return sharedData && data == bytes && length == bytes.length;
    }

    public void truncate() { length = 0; }

    /** Reads up to count bytes at pos. */
    public byte[] read(long pos, int count) {
        if (pos >= length) {
            return new byte[0];
        }
        int n = (int) Math.min(count, length - pos);
        return Arrays.copyOfRange(data, (int) pos, (int) pos + n);
    }

    /** Writes bytes at pos, growing the file. */
    public void write(long pos, byte[] bytes) {
        if (length == 0 && pos == 0 && bytes.length > 0 && SHAREABLE.containsKey(bytes)) {
            data = bytes;
            length = bytes.length;
            sharedData = true;
            return;
        }
        int end = (int) pos + bytes.length;
        if (sharedData) {
            data = Arrays.copyOf(data, Math.max(end, data.length));
            sharedData = false;
        }
        if (end > data.length) {
            data = Arrays.copyOf(data, Math.max(end, data.length * 2));
        }
        System.arraycopy(bytes, 0, data, (int) pos, bytes.length);
        length = Math.max(length, end);
    }
}
