package dev.kplay.kernel.fs;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Slab;

/*
 * The struct file, struct inode and struct dentry a module's file operations receive, built in
 * simulated memory when a file whose operations are module code is opened (do_dentry_open), so
 * the fields modules read are there: file->f_path.dentry->d_name.name, file_inode(file),
 * inode->i_private (pde_data), i_rdev (iminor), private_data, f_pos, f_flags, f_mode.
 * Layouts are kplay's <linux/fs.h> and <linux/dcache.h>.
 */

/** struct file / inode / dentry in kernel memory. */
public final class Files {
    /** struct file. */
    public static final int FILE_SIZE = 128, DENTRY = 8, F_INODE = 16, F_OP = 24, FLAGS = 36, COUNT = 40, MODE = 48,
            POS = 88, VERSION = 104, PRIVATE_DATA = 112;
    /** struct inode. */
    public static final int INODE_SIZE = 80, I_MODE = 0, I_INO = 32, I_RDEV = 40, I_SIZE = 48, I_FOP = 56, I_CDEV = 64,
            I_PRIVATE = 72;
    /** struct dentry. */
    public static final int DENTRY_SIZE = 128, D_PARENT = 24, D_NAME_HASH_LEN = 32, D_NAME = 40, D_INODE = 48, D_INAME = 56;
    public static final int DNAME_INLINE_LEN = 32;
    /** f_mode bits (FMODE_READ, FMODE_WRITE, FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE, FMODE_ATOMIC_POS, FMODE_STREAM). */
    public static final int FMODE_READ = 1, FMODE_WRITE = 2, FMODE_LSEEK = 4, FMODE_PREAD = 8, FMODE_PWRITE = 0x10,
            FMODE_ATOMIC_POS = 0x8000, FMODE_STREAM = 0x200000;

    private Files() {}

    /**
     * Allocates and fills a struct file with its inode and dentry; returns the file's address, or 0
     * when memory runs out (nothing stays allocated then).
     */
    public static long create(AddressSpace mem, Slab slab, String name, int iMode, long rdev, long fop, long iPrivate,
                              long iSize, int flags) {
        long file = slab.kmalloc(FILE_SIZE);
        long inode = slab.kmalloc(INODE_SIZE);
        long dentry = slab.kmalloc(DENTRY_SIZE);
        if (file == 0 || inode == 0 || dentry == 0) {
            slab.kfree(file);
            slab.kfree(inode);
            slab.kfree(dentry);
            return 0;
        }
        zero(mem, file, FILE_SIZE);
        zero(mem, inode, INODE_SIZE);
        zero(mem, dentry, DENTRY_SIZE);
        mem.store(inode + I_MODE, 2, iMode);
        mem.store(inode + I_INO, 8, 0x1000 + (Math.abs(name.hashCode()) & 0xfff));
        mem.store(inode + I_RDEV, 4, rdev);
        mem.store(inode + I_SIZE, 8, iSize);
        mem.store(inode + I_FOP, 8, fop);
        mem.store(inode + I_PRIVATE, 8, iPrivate);
        String n = name.length() >= DNAME_INLINE_LEN ? name.substring(0, DNAME_INLINE_LEN - 1) : name;
        mem.writeCString(dentry + D_INAME, n);
        mem.store(dentry + D_NAME_HASH_LEN, 8, ((long) name.length() << 32) | (name.hashCode() & 0xffffffffL));
        mem.store(dentry + D_NAME, 8, dentry + D_INAME);
        mem.store(dentry + D_PARENT, 8, dentry);
        mem.store(dentry + D_INODE, 8, inode);
        mem.store(file + DENTRY, 8, dentry);
        mem.store(file + F_INODE, 8, inode);
        mem.store(file + F_OP, 8, fop);
        mem.store(file + FLAGS, 4, flags);
        mem.store(file + COUNT, 8, 1);
        int acc = flags & OpenFile.O_ACCMODE;
        int fmode = FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | (acc != OpenFile.O_WRONLY ? FMODE_READ : 0)
                | (acc != 0 ? FMODE_WRITE : 0);
        mem.store(file + MODE, 4, fmode);
        return file;
    }

    /** The struct inode of a file made by {@link #create}. */
    public static long inode(AddressSpace mem, long file) {
        return mem.load(file + F_INODE, 8);
    }

    /** file->f_mode. */
    public static int mode(AddressSpace mem, long file) {
        return (int) mem.load(file + MODE, 4);
    }

    /** Clears bits of file->f_mode (nonseekable_open(), do_dentry_open() without an llseek). */
    public static void clearMode(AddressSpace mem, long file, int bits) {
        mem.store(file + MODE, 4, mode(mem, file) & ~bits);
    }

    /** Frees a struct file with its inode and dentry. */
    public static void free(AddressSpace mem, Slab slab, long file) {
        if (file == 0) {
            return;
        }
        slab.kfree(mem.load(file + DENTRY, 8));
        slab.kfree(mem.load(file + F_INODE, 8));
        slab.kfree(file);
    }

    private static void zero(AddressSpace mem, long addr, int size) {
        for (int i = 0; i < size; i += 8) {
            mem.store(addr + i, 8, 0);
        }
    }
}
