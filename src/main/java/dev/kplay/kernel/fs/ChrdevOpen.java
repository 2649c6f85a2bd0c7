package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.sched.Task;

import java.util.List;

import static dev.kplay.kernel.syscall.Syscalls.DIED;
import static dev.kplay.kernel.syscall.Syscalls.RUNNING;

/*
 * fs/char_dev.c's chrdev_open() (and misc_open()) with do_dentry_open() around it, and
 * fs/file_table.c's __fput(): the module references an open takes and a last close drops, the
 * struct file / inode / dentry the driver gets, fops->open and fops->release run on the calling
 * task. After open, do_dentry_open() clears FMODE_LSEEK from a file whose operations have no
 * llseek, so lseek(2) on it fails with ESPIPE (ReadWrite.vfsLlseek).
 */

/** Opening and the last close of a character device whose operations are module code. */
public final class ChrdevOpen {
    static final int NR_CLOSE = 3, NR_OPENAT = 257;
    static final int ENXIO = 6, ENOMEM = 12, ENODEV = 19, EINTR = 4;
    public static final List<String> PATH_OPEN = Fops.path("chrdev_open+0xc4/0x250", "do_dentry_open+0x1e2/0x410",
            "path_openat+0xb7d/0x1260", "do_filp_open+0xaf/0x160", "do_sys_openat2+0xaf/0x170",
            "__x64_sys_openat+0x6a/0xa0");
    static final List<String> PATH_CLOSE = List.of("__fput+0x91/0x250", "task_work_run+0x59/0x90",
            "exit_to_user_mode_prepare+0x1e6/0x1f0", "syscall_exit_to_user_mode+0x1e/0x40",
            "do_syscall_64+0x69/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    private final Kernel k;

    public ChrdevOpen(Kernel k) {
        this.k = k;
    }

    /** Models chrdev_open() + misc_open(): module reference, struct file, then fops->open. 0 or -errno. */
    public long chrdevOpen(Task t, OpenFile file, DevNode d, int flags) {
        long fops = k.devices().fops(d);
        if (fops == 0) {
            return -ENXIO;
        }
        long cdevOwner = k.devices().cdevOwner(d);
        Module cm = cdevOwner == 0 ? null : k.moduleByStruct(cdevOwner);
        if (cdevOwner != 0 && (cm == null || !cm.tryModuleGet())) {
            return -ENXIO;
        }
        long cdev = d.major() != 10 ? k.devices().chrdevs().lookup(d.major(), d.minor()) : 0;
        return doDentryOpen(t, file, d.mode(), ((long) d.major() << 20) | d.minor(), fops, 0, 0, cdev, flags,
                d.major() == 10 ? -ENODEV : -ENXIO, cm);
    }

    /**
     * Models do_dentry_open() of a file whose operations are {@code fops}: fops_get() of their
     * owner ({@code gone}, an -errno, if it is going away; {@code pinned} is a reference the caller already
     * took on the same or another module, kept or dropped as chrdev_open does), the struct file
     * with its inode (i_mode, i_rdev, i_private, i_size, i_cdev), fops->open, then FMODE_LSEEK off without
     * an llseek. 0 or -errno (the open's own), or RUNNING.
     */
    public long doDentryOpen(Task t, OpenFile file, int iMode, long rdev, long fops, long iPrivate, long iSize, long iCdev,
                             int flags, int gone, Module pinned) {
        long owner = k.memory().load(fops + Fops.OWNER, 8);
        Module m = k.moduleByStruct(owner);
        if (owner != 0 && (m == null || !m.tryModuleGet())) {
            if (pinned != null) {
                pinned.modulePut();
            }
            return gone;
        }
        int refs = m == null ? 0 : 1;
        if (pinned != null && pinned == m) {
            refs++;
        } else if (pinned != null) {
            pinned.modulePut();
        }
        long filp = Files.create(k.memory(), k.slab(), Vfs.baseName(file.path()), iMode, rdev, fops, iPrivate, iSize, flags);
        if (filp == 0) {
            for (int i = 0; i < refs && m != null; i++) {
                m.modulePut();
            }
            return -ENOMEM;
        }
        file.setFilp(filp);
        long inode = Files.inode(k.memory(), filp);
        k.memory().store(inode + Files.I_CDEV, 8, iCdev);
        if ((rdev >>> 20) == 10 && k.devices().misc((int) (rdev & 0xfffff)) != null) {
            k.memory().store(filp + Files.PRIVATE_DATA, 8, k.devices().misc((int) (rdev & 0xfffff)).misc());
        }
        file.bindDriver(fops, inode, owner);
        file.setModuleRefs(refs);
        long open = k.memory().load(fops + Fops.OPEN, 8);
        long r = 0;
        if (open != 0) {
            t.setSyscallNr(NR_OPENAT);
            r = Fops.call(k, t, open, new long[] {inode, filp}, PATH_OPEN, ret -> (int) ret);
            if (r == DIED || r == RUNNING) {
                return r == DIED ? -EINTR : r;
            }
        }
        if (r < 0) {
            for (int i = 0; i < refs && m != null; i++) {
                m.modulePut();
            }
            file.bindDriver(0, 0, 0);
            return r;
        }
        if (k.memory().load(fops + Fops.LLSEEK, 8) == 0) {
            Files.clearMode(k.memory(), filp, Files.FMODE_LSEEK);
        }
        return 0;
    }

    /** Models __fput(): fops->release, then the module reference taken at open goes. */
    public long fput(Task t, OpenFile f) {
        long rel = k.memory().load(f.fops() + Fops.RELEASE, 8);
        long owner = f.owner();
        long r = 0;
        if (rel != 0) {
            t.setSyscallNr(NR_CLOSE);
            r = Fops.call(k, t, rel, new long[] {f.inodeAddr(), f.filp()}, PATH_CLOSE, ret -> ret);
        }
        if (r != DIED && r != RUNNING) {
            Module m = k.moduleByStruct(owner);
            for (int i = 0; i < f.moduleRefs() && m != null; i++) {
                m.modulePut();
            }
            f.bindDriver(0, 0, 0);
        }
        return r;
    }
}
