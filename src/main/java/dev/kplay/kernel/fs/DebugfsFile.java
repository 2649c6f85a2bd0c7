package dev.kplay.kernel.fs;

/*
 * A debugfs file: what debugfs_create_file() (and every debugfs_create_u8/x32/bool/blob..., which
 * are debugfs_create_file_unsafe() with the kernel's own file_operations) leaves in the tree: its
 * mode, its file_operations, the data it hands the file's open as inode->i_private, and its size
 * (debugfs_create_file_size; 0 otherwise, as ls -l shows). Opening it is do_dentry_open() through
 * those operations (ChrdevOpen.doDentryOpen).
 */

/** A file in debugfs. */
public final class DebugfsFile extends Inode {
    private final long fops;
    private final long data;
    private final long size;

    public DebugfsFile(int perm, long fops, long data, long size) {
        super(S_IFREG | (perm & 07777));
        this.fops = fops;
        this.data = data;
        this.size = size;
    }

    /** The file_operations open and read go through. */
    public long fops() { return fops; }

    /** inode->i_private. */
    public long data() { return data; }

    @Override
    public long size() { return size; }
}
