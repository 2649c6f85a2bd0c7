package dev.kplay.kernel.fs;

/*
 * struct file: an open instance of an inode with its position and flags. Generated files keep the
 * text produced at open (as seq_file produces it on the first read), so a reader sees one
 * consistent snapshot. Files whose operations are module code also have a kernel address (filp)
 * that the module receives.
 */

/** An open file description. */
public final class OpenFile {
    public static final int O_ACCMODE = 3;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int FASYNC = 020000;

    private final Inode inode;
    private final String path;
    /** f_flags: fixed at open but for O_NONBLOCK and FASYNC, which ioctl(FIONBIO/FIOASYNC) and fcntl change. */
    private int flags;
    private long pos;
    private byte[] snapshot;
    private long filp;
    /** For device files: the driver's file_operations, the struct inode handed to it, the owner's struct module. */
    private long fops;
    private long inodeAddr;
    private long owner;
    /** Module references the open took (fops_get, plus cdev_get for a module's own cdev). */
    private int moduleRefs;

    public OpenFile(Inode inode, String path, int flags) {
        this.inode = inode;
        this.path = path;
        this.flags = flags;
    }

    public Inode inode() { return inode; }

    public String path() { return path; }

    public int flags() { return flags; }

    public void setFlags(int flags) { this.flags = flags; }

    public boolean readable() { return (flags & O_ACCMODE) != O_WRONLY; }

    public boolean writable() { return (flags & O_ACCMODE) != 0; }

    public long pos() { return pos; }

    public void setPos(long pos) { this.pos = pos; }

    public byte[] snapshot() { return snapshot; }

    public void setSnapshot(byte[] s) { snapshot = s; }

    /** The kernel address of this struct file, 0 until one is needed. */
    public long filp() { return filp; }

    public void setFilp(long filp) { this.filp = filp; }

    public long fops() { return fops; }

    public long inodeAddr() { return inodeAddr; }

    public long owner() { return owner; }

    public int moduleRefs() { return moduleRefs; }

    public void setModuleRefs(int n) { moduleRefs = n; }

    /** Binds the file to a driver (after a successful open). */
    public void bindDriver(long fops, long inodeAddr, long owner) {
        this.fops = fops;
        this.inodeAddr = inodeAddr;
        this.owner = owner;
    }
}
