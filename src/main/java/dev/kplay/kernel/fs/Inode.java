package dev.kplay.kernel.fs;

/*
 * struct inode, reduced to what the VFS of a module playground needs: a mode (type and permission
 * bits, as stat(2) reports them) and a modification time. The kinds of file are subclasses, each
 * small: a ramfs directory or file, a generated procfs/sysfs file, a proc_create() entry whose
 * reads run module code, and (later) character devices.
 */

/** A file-system object. */
public abstract class Inode {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFCHR = 0020000;

    private int mode;
    private long mtimeSeconds;
    /** i_uid, i_gid (root's unless proc_set_user() or the like changed them). */
    private int uid;
    private int gid;

    protected Inode(int mode) {
        this.mode = mode;
    }

    public int mode() { return mode; }

    public void setMode(int mode) { this.mode = mode; }

    public long mtimeSeconds() { return mtimeSeconds; }

    public void touch(long seconds) { mtimeSeconds = seconds; }

    public int uid() { return uid; }

    public int gid() { return gid; }

    /** Sets i_uid and i_gid. */
    public void setOwner(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
    }

    public boolean isDir() { return (mode & S_IFMT) == S_IFDIR; }

    /** st_size. */
    public long size() { return 0; }
}
