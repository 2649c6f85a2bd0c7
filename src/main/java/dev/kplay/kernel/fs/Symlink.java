package dev.kplay.kernel.fs;

import java.util.function.Supplier;

/*
 * A symbolic link, as procfs makes them for /proc/PID/fd/N (proc_fd_link): the target is computed
 * when read, and the permission bits say how the file was opened (lr-x for read, l-wx for write),
 * as proc_fd_instantiate() sets them.
 */

/** A symbolic link inode. */
public final class Symlink extends Inode {
    public static final int S_IFLNK = 0120000;

    private final Supplier<String> target;
    /** What stat() gives as its size: 64 for a /proc/PID/fd link (proc_fd_getattr), 0 for /proc/self. */
    private final long size;

    public Symlink(int perm, Supplier<String> target) {
        this(perm, target, 64);
    }

    public Symlink(int perm, Supplier<String> target, long size) {
        super(S_IFLNK | perm);
        this.target = target;
        this.size = size;
    }

    /** What readlink() returns. */
    public String target() {
        return target.get();
    }

    @Override
    public long size() { return size; }
}
