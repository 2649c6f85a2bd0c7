package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.PageFault;

import java.util.List;

/*
 * fs/ioctl.c: do_vfs_ioctl()'s commands common to every file (FIONBIO, FIOASYNC, FIOCLEX,
 * FIONCLEX, FIOQSIZE, FIGETBSZ), file_ioctl()'s for regular files (FIONREAD), then vfs_ioctl():
 * the driver's unlocked_ioctl (or a /proc file's proc_ioctl) with the command and argument as
 * user space gave them, -ENOTTY when there is none, and -ENOIOCTLCMD turned into -ENOTTY. The
 * result is an int, as do_vfs_ioctl() returns it: a driver's long is cut to 32 bits.
 * compat_ioctl is never called: kplay runs no 32-bit user space.
 */

/** The ioctl(2) path. */
public final class Ioctl {
    static final int NR_IOCTL = 16;
    static final int EFAULT = 14, ENOTTY = 25, EINVAL = 22, ENOIOCTLCMD = 515;
    public static final int FIONREAD = 0x541B, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451,
            FIOASYNC = 0x5452, FIOQSIZE = 0x5460, FIBMAP = 1, FIGETBSZ = 2;
    public static final List<String> PATH_IOCTL = Fops.path("__x64_sys_ioctl+0x91/0xd0");

    private final Kernel k;
    private final ProcReg procReg;

    public Ioctl(Kernel k, ProcReg procReg) {
        this.k = k;
        this.procReg = procReg;
    }

    /** Models do_vfs_ioctl(): 0 or a driver's (int) result, or -errno, or DIED/RUNNING. */
    public long doVfsIoctl(Task t, int fd, OpenFile f, int cmd, long arg) {
        Inode inode = f.inode();
        switch (cmd) {
            case FIOCLEX, FIONCLEX -> {
                return 0;       // close-on-exec: kplay's user space never execs over an open descriptor
            }
            case FIONBIO -> {
                long on = getUserInt(arg);
                if (on == Long.MIN_VALUE) {
                    return -EFAULT;
                }
                setFlag(f, OpenFile.O_NONBLOCK, on != 0);
                return 0;
            }
            case FIOASYNC -> {
                long on = getUserInt(arg);
                if (on == Long.MIN_VALUE) {
                    return -EFAULT;
                }
                if ((((on != 0 ? OpenFile.FASYNC : 0) ^ f.flags()) & OpenFile.FASYNC) == 0) {
                    return 0;
                }
                long fasync = f.fops() == 0 ? 0 : k.memory().load(f.fops() + Fops.FASYNC, 8);
                if (fasync == 0) {
                    return -ENOTTY;
                }
                t.setSyscallNr(NR_IOCTL);
                return Fops.call(k, t, fasync, new long[] {fd, f.filp(), on != 0 ? 1 : 0}, PATH_IOCTL, ret -> {
                    f.setFlags((int) k.memory().load(f.filp() + Files.FLAGS, 4));
                    return (int) ret < 0 ? (int) ret : 0;
                });
            }
            case FIOQSIZE -> {
                if (!(inode.isDir() || isReg(inode))) {
                    return -ENOTTY;
                }
                return putUser(arg, 8, inode.size()) ? 0 : -EFAULT;
            }
            case FIGETBSZ -> {
                return putUser(arg, 4, inode instanceof ProcEntry ? 1024 : 4096) ? 0 : -EFAULT;
            }
            default -> { }
        }
        if (isReg(inode)) {
            if (cmd == FIONREAD) {
                long size = inode instanceof SysfsAttr ? Layout.PAGE_SIZE : inode instanceof ProcEntry ? 0 : inode.size();
                return putUser(arg, 4, size - f.pos()) ? 0 : -EFAULT;
            }
            if (cmd == FIBMAP) {
                return -EINVAL;     // no filesystem kplay has maps blocks (no ->bmap)
            }
        }
        return vfsIoctl(t, f, cmd, arg);
    }

    /** Models vfs_ioctl(): f_op->unlocked_ioctl, or the /proc entry's proc_ioctl; -ENOTTY without one. */
    private long vfsIoctl(Task t, OpenFile f, int cmd, long arg) {
        if (f.inode() instanceof ProcEntry p && f.filp() != 0) {
            return procReg.ioctl(t, f, p, cmd, arg);
        }
        if (f.fops() == 0) {
            return -ENOTTY;
        }
        long fn = k.memory().load(f.fops() + Fops.UNLOCKED_IOCTL, 8);
        if (fn == 0) {
            return -ENOTTY;
        }
        k.memory().store(f.filp() + Files.POS, 8, f.pos());
        t.setSyscallNr(NR_IOCTL);
        long r = Fops.call(k, t, fn, new long[] {f.filp(), cmd & 0xffffffffL, arg}, PATH_IOCTL, ret -> {
            f.setPos(k.memory().load(f.filp() + Files.POS, 8));
            return (int) ret == -ENOIOCTLCMD ? -ENOTTY : (int) ret;
        });
        return r;
    }

    private static boolean isReg(Inode i) {
        return (i.mode() & Inode.S_IFMT) == Inode.S_IFREG;
    }

    private void setFlag(OpenFile f, int flag, boolean on) {
        f.setFlags(on ? f.flags() | flag : f.flags() & ~flag);
        if (f.filp() != 0) {
            k.memory().store(f.filp() + Files.FLAGS, 4, f.flags());
        }
    }

    /** get_user() of an int: its value, or Long.MIN_VALUE when the address faults. */
    private long getUserInt(long addr) {
        if (!Layout.isUser(addr) || !Layout.isUser(addr + 3)) {
            return Long.MIN_VALUE;
        }
        try {
            return (int) k.memory().load(addr, 4);
        } catch (PageFault pf) {
            return Long.MIN_VALUE;
        }
    }

    /** put_user() of size bytes; false when the address faults. */
    private boolean putUser(long addr, int size, long v) {
        if (!Layout.isUser(addr) || !Layout.isUser(addr + size - 1)) {
            return false;
        }
        try {
            k.memory().store(addr, size, v);
            return true;
        } catch (PageFault pf) {
            return false;
        }
    }
}
