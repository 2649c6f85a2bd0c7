package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Files;
import dev.kplay.kernel.fs.Vfs;
import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.sched.Task;

import java.util.List;

import static dev.kplay.kernel.syscall.Syscalls.DIED;
import static dev.kplay.kernel.syscall.Syscalls.RUNNING;

/*
 * The VFS calling into module code: chrdev_open()/misc_open() with their module references,
 * vfs_read()/vfs_write() through a driver's file_operations or a proc entry's proc_ops, and
 * __fput()'s release. Each builds the struct file / struct inode / user buffer the driver expects
 * in simulated memory and runs the driver function on the calling task, so it may sleep, fault
 * or loop like any module code.
 */

/** Calls of module file operations on behalf of syscalls. */
final class FileOpsCalls {
    static final int NR_READ = 0, NR_WRITE = 1, NR_CLOSE = 3, NR_OPENAT = 257;
    static final List<String> PATH_READ = List.of("proc_reg_read+0x56/0xa0", "vfs_read+0xb0/0x2b0",
            "ksys_read+0x6b/0xf0", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_WRITE = List.of("proc_reg_write+0x56/0xa0", "vfs_write+0xc9/0x3f0",
            "ksys_write+0x6b/0xf0", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    /** struct file_operations / struct file / struct inode offsets (kplay's <linux/fs.h>). */
    static final int FOPS_OWNER = 0, FOPS_READ = 16, FOPS_WRITE = 24, FOPS_OPEN = 112, FOPS_FLUSH = 120, FOPS_RELEASE = 128;
    static final int FILE_POS = 88, FILE_PRIVATE_DATA = 112, FILE_SIZE = 128, INODE_SIZE = 80;
    static final List<String> PATH_DEV_READ = List.of("vfs_read+0xa5/0x310", "ksys_read+0x6b/0xf0",
            "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_DEV_WRITE = List.of("vfs_write+0xc9/0x3f0", "ksys_write+0x6b/0xf0",
            "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_OPEN = List.of("chrdev_open+0xc4/0x250", "do_dentry_open+0x1e2/0x410",
            "path_openat+0xb7d/0x1260", "do_filp_open+0xaf/0x160", "do_sys_openat2+0xaf/0x170",
            "__x64_sys_openat+0x6a/0xa0", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_CLOSE = List.of("__fput+0x91/0x250", "task_work_run+0x59/0x90",
            "exit_to_user_mode_prepare+0x1e6/0x1f0", "syscall_exit_to_user_mode+0x1e/0x40",
            "do_syscall_64+0x69/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    private final Kernel k;

    FileOpsCalls(Kernel k) {
        this.k = k;
    }

    /** Models chrdev_open() + misc_open(): module reference, struct file, then fops->open. 0 or -errno. */
    long chrdevOpen(Task t, OpenFile file, DevNode d, int flags) {
        long fops = k.devices().fops(d);
        if (fops == 0) {
            return -Errno.ENXIO;
        }
        long cdevOwner = k.devices().cdevOwner(d);
        Module cm = cdevOwner == 0 ? null : k.moduleByStruct(cdevOwner);
        if (cdevOwner != 0 && (cm == null || !cm.tryModuleGet())) {
            return -Errno.ENXIO;
        }
        long owner = k.memory().load(fops + FOPS_OWNER, 8);
        Module m = k.moduleByStruct(owner);
        if (owner != 0 && (m == null || !m.tryModuleGet())) {
            if (cm != null) {
                cm.modulePut();
            }
            return d.major() == 10 ? -Errno.ENODEV : -Errno.ENXIO;
        }
        int refs = m == null ? 0 : 1;
        if (cm != null && cm == m) {
            refs++;
        } else if (cm != null) {
            cm.modulePut();
        }
        long filp = Files.create(k.memory(), k.slab(), Vfs.baseName(file.path()), d.mode(),
                ((long) d.major() << 20) | d.minor(), fops, 0, 0, flags);
        if (filp == 0) {
            for (int i = 0; i < refs && m != null; i++) {
                m.modulePut();
            }
            return -Errno.ENOMEM;
        }
        file.setFilp(filp);
        long inode = Files.inode(k.memory(), filp);
        if (d.major() != 10) {
            k.memory().store(inode + Files.I_CDEV, 8, k.devices().chrdevs().lookup(d.major(), d.minor()));
        }
        if (d.major() == 10 && k.devices().misc(d.minor()) != null) {
            k.memory().store(filp + FILE_PRIVATE_DATA, 8, k.devices().misc(d.minor()).misc());
        }
        file.bindDriver(fops, inode, owner);
        file.setModuleRefs(refs);
        long open = k.memory().load(fops + FOPS_OPEN, 8);
        if (open == 0) {
            return 0;
        }
        t.setSyscallNr(NR_OPENAT);
        long r = k.runTask(t, open, new long[] {inode, filp}, PATH_OPEN, ret -> (int) ret);
        if (r == DIED || r == RUNNING) {
            return r == DIED ? -Errno.EINTR : r;
        }
        if (r < 0) {
            for (int i = 0; i < refs && m != null; i++) {
                m.modulePut();
            }
            file.bindDriver(0, 0, 0);
        }
        return r < 0 ? r : 0;
    }

    /** Calls a driver's read or write (fops offset) on the calling task with a user buffer. */
    long driverIo(Task t, OpenFile f, int fopsOffset, byte[] in, int count, byte[][] out) {
        long fn = k.memory().load(f.fops() + fopsOffset, 8);
        if (fn == 0) {
            return -Errno.EINVAL;
        }
        long filp = filp(f);
        long ppos = filp + FILE_POS;
        k.memory().store(ppos, 8, f.pos());
        int n = in != null ? in.length : Math.max(0, Math.min(count, 1 << 20));
        k.memory().map(Layout.USER_BUFFER, Math.max(1, n));
        if (in != null) {
            k.memory().write(Layout.USER_BUFFER, in);
        }
        t.setSyscallNr(in != null ? NR_WRITE : NR_READ);
        long r = k.runTask(t, fn, new long[] {filp, Layout.USER_BUFFER, n, ppos}, in != null ? PATH_DEV_WRITE : PATH_DEV_READ,
                ret -> {
                    if (out != null && ret >= 0) {
                        out[0] = k.memory().read(Layout.USER_BUFFER, (int) Math.min(ret, n));
                    }
                    f.setPos(k.memory().load(ppos, 8));
                    return ret;
                });
        if (r != RUNNING) {
            k.memory().unmap(Layout.USER_BUFFER, Math.max(1, n));
        }
        return r;
    }

    /** The kernel's struct file for an open file (allocated on first use; f_pos lives at +0x40). */
    long filp(OpenFile f) {
        if (f.filp() == 0) {
            f.setFilp(k.slab().kmalloc(FILE_SIZE));
        }
        return f.filp();
    }

    /** Models __fput(): fops->release, then the module reference taken at open goes. */
    long release(Task t, OpenFile f) {
        long rel = k.memory().load(f.fops() + FOPS_RELEASE, 8);
        long owner = f.owner();
        long r = 0;
        if (rel != 0) {
            t.setSyscallNr(NR_CLOSE);
            r = k.runTask(t, rel, new long[] {f.inodeAddr(), f.filp()}, PATH_CLOSE, ret -> ret);
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
