package dev.kplay.kernel.fs;

import java.util.Arrays;

/*
 * A ramfs regular file (the user's sources and X.ko under /root): its bytes in memory.
 */

/** A regular file with stored contents. */
public final class RegularFile extends Inode {
    private byte[] data = new byte[0];
    private int length;

    public RegularFile(int perm) {
        super(S_IFREG | perm);
    }

    @Override
    public long size() { return length; }

    /** The contents. */
    public byte[] contents() { return Arrays.copyOf(data, length); }

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
        int end = (int) pos + bytes.length;
        if (end > data.length) {
            data = Arrays.copyOf(data, Math.max(end, data.length * 2));
        }
        System.arraycopy(bytes, 0, data, (int) pos, bytes.length);
        length = Math.max(length, end);
    }
}
