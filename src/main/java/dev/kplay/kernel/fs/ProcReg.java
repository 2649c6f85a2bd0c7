package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.Task;

import java.io.ByteArrayOutputStream;
import java.util.List;

/*
 * fs/proc/inode.c: the VFS side of a module's /proc file (proc_reg_open, proc_reg_read,
 * proc_reg_write, proc_reg_release). Open builds the struct file the module's functions get, with
 * inode->i_private = pde_data; a proc_create_single entry is single_open()ed here, a
 * proc_create_seq entry seq_open()ed. Reads through seq_read/seq_read_iter run the seq_file
 * iterator (SeqFile) with the module's start/next/stop/show called on the reading task; other
 * proc_read functions are called directly with a user buffer. proc_ops is read from wherever the
 * module put it, so an entry its module left behind faults in proc_reg_open, as on 6.1.
 *
 * proc_reg_llseek, proc_reg_unlocked_ioctl and proc_reg_poll go to proc_lseek, proc_ioctl and
 * proc_poll; an entry without proc_lseek lost FMODE_LSEEK at open (ESPIPE), one without proc_ioctl
 * answers -ENOTTY, one without proc_poll DEFAULT_POLLMASK. proc_create_single/seq entries seek
 * with seq_lseek.
 *
 * struct proc_ops (kplay's <linux/proc_fs.h>): proc_flags@0 proc_open@8 proc_read@16
 * proc_read_iter@24 proc_write@32 proc_lseek@40 proc_release@48 proc_poll@56 proc_ioctl@64.
 */

/** Calls of a module's /proc file operations on behalf of syscalls. */
public final class ProcReg {
    public static final int PROC_OPEN = 8, PROC_READ = 16, PROC_READ_ITER = 24, PROC_WRITE = 32, PROC_LSEEK = 40,
            PROC_RELEASE = 48, PROC_POLL = 56, PROC_IOCTL = 64;
    static final int NR_READ = 0, NR_WRITE = 1, NR_CLOSE = 3, NR_OPENAT = 257;
    static final long DIED = Long.MIN_VALUE, RUNNING = Long.MIN_VALUE + 1;
    static final int EIO = 5, EINTR = 4, ENOMEM = 12;
    private static final List<String> SYSCALL = List.of("do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    public static final List<String> PATH_OPEN = concat(List.of("proc_reg_open+0x8b/0x1c0", "do_dentry_open+0x1e2/0x410",
            "path_openat+0xb7d/0x1260", "do_filp_open+0xaf/0x160", "do_sys_openat2+0xaf/0x170",
            "__x64_sys_openat+0x6a/0xa0"));
    static final List<String> PATH_READ = concat(List.of("proc_reg_read+0x56/0xa0", "vfs_read+0xb0/0x2b0",
            "ksys_read+0x6b/0xf0"));
    static final List<String> PATH_SEQ_READ = concat(List.of("seq_read_iter+0x12b/0x4a0", "seq_read+0xa5/0xe0",
            "proc_reg_read+0x56/0xa0", "vfs_read+0xb0/0x2b0", "ksys_read+0x6b/0xf0"));
    static final List<String> PATH_SEQ_READ_ITER = concat(List.of("seq_read_iter+0x12b/0x4a0",
            "proc_reg_read_iter+0x53/0x90", "vfs_read+0x23d/0x2b0", "ksys_read+0x6b/0xf0"));
    static final List<String> PATH_READ_ITER = concat(List.of("proc_reg_read_iter+0x53/0x90", "vfs_read+0x23d/0x2b0",
            "ksys_read+0x6b/0xf0"));
    static final List<String> PATH_WRITE = concat(List.of("proc_reg_write+0x56/0xa0", "vfs_write+0xc9/0x3f0",
            "ksys_write+0x6b/0xf0"));
    public static final List<String> PATH_RELEASE = List.of("close_pdeo+0x45/0x100", "proc_reg_release+0x4e/0x60",
            "__fput+0x91/0x250", "task_work_run+0x59/0x90", "exit_to_user_mode_prepare+0x1e6/0x1f0",
            "syscall_exit_to_user_mode+0x1e/0x40", "do_syscall_64+0x69/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    private final Kernel k;
    private final SeqFile seq;

    public ProcReg(Kernel k) {
        this.k = k;
        this.seq = new SeqFile(k.memory(), k.slab());
    }

    private static List<String> concat(List<String> head) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(SYSCALL);
        return List.copyOf(all);
    }

    private long addr(String name) {
        return k.exports().address(name);
    }

    /** Calls fn on task t: module code through runTask, a kernel function (seq_release_private...) directly. */
    private long invoke(Task t, long fn, long[] args, List<String> path, java.util.function.LongUnaryOperator then) {
        if (k.exports().isNative(fn)) {
            return then.applyAsLong(k.exports().call(fn, args, t.stack()));
        }
        return k.runTask(t, fn, args, path, then);
    }

    /** Models proc_reg_open(): 0 or -errno, or DIED/RUNNING. May throw PageFault (proc_ops in freed memory). */
    public long open(Task t, OpenFile file, ProcEntry p, int flags) {
        long filp = Files.create(k.memory(), k.slab(), p.name(), p.mode(), 0, 0, p.data(), p.size(), flags);
        if (filp == 0) {
            return -ENOMEM;
        }
        file.setFilp(filp);
        long r;
        switch (p.kind()) {
            case SINGLE -> r = seq.singleOpen(filp, p.ops(), p.data(), addr("single_start"), addr("single_next"), addr("single_stop"));
            case SEQ -> r = seq.open(filp, p.ops());
            default -> {
                long ops = p.procOps();
                k.memory().load(ops + PROC_RELEASE, 8);
                long open = k.memory().load(ops + PROC_OPEN, 8);
                if (open == 0) {
                    return 0;
                }
                t.setSyscallNr(NR_OPENAT);
                r = invoke(t, open, new long[] {Files.inode(k.memory(), filp), filp}, PATH_OPEN, ret -> (int) ret);
                if (r == DIED || r == RUNNING) {
                    return r;
                }
            }
        }
        if (r != 0) {
            Files.free(k.memory(), k.slab(), filp);
            file.setFilp(0);
        } else if (p.kind() == ProcEntry.Kind.PROC_OPS && k.memory().load(p.procOps() + PROC_LSEEK, 8) == 0) {
            Files.clearMode(k.memory(), filp, Files.FMODE_LSEEK);
        }
        return r;
    }

    /**
     * Models proc_entry_rundown() from remove_proc_entry(): the entry is marked gone, and every file
     * still open on it is closed now, while its module is still there (close_pdeo()), so a later
     * read gets EIO and a later close has nothing left to do. A module's own proc_release is called
     * from here, in the remover's context (close_pdeo() from remove_proc_entry(): "release by rmmod").
     */
    public void rundown(ProcEntry p) {
        p.markRemoved();
        java.util.Set<OpenFile> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Task o : k.tasks().values()) {
            for (OpenFile f : o.files().values()) {
                if (f.inode() != p || f.filp() == 0 || !seen.add(f)) {
                    continue;
                }
                long filp = f.filp();
                long rel = p.kind() == ProcEntry.Kind.PROC_OPS ? k.memory().load(p.procOps() + PROC_RELEASE, 8) : 0;
                if (p.kind() == ProcEntry.Kind.SINGLE || rel == addr("single_release")) {
                    seq.singleRelease(filp);
                } else if (p.kind() == ProcEntry.Kind.SEQ || rel == addr("seq_release")) {
                    seq.release(filp);
                } else if (rel != 0 && k.current() != null) {
                    k.callModule(rel, Files.inode(k.memory(), filp), filp);
                }
                Files.free(k.memory(), k.slab(), filp);
                f.setFilp(0);
            }
        }
    }

    static final List<String> PATH_LSEEK = concat(List.of("proc_reg_llseek+0x4c/0x90", "ksys_lseek+0x68/0xb0"));
    static final List<String> PATH_IOCTL = concat(List.of("proc_reg_unlocked_ioctl+0x4f/0x90", "__x64_sys_ioctl+0x91/0xd0"));
    static final List<String> PATH_POLL = concat(List.of("proc_reg_poll+0x4f/0x90", "do_sys_poll+0x29a/0x560",
            "__x64_sys_poll+0xb1/0x150"));

    /** Models proc_reg_llseek(): seq_lseek or proc_lseek; -ESPIPE without FMODE_LSEEK. The new position or -errno. */
    public long llseek(Task t, OpenFile f, ProcEntry p, long offset, int whence) {
        if (p.removed()) {
            return -EIO;                    // use_pde() failed: the entry was removed
        }
        long filp = f.filp();
        if ((Files.mode(k.memory(), filp) & Files.FMODE_LSEEK) == 0) {
            return -29;
        }
        long ppos = filp + Files.POS;
        k.memory().store(ppos, 8, f.pos());
        long fn = p.kind() == ProcEntry.Kind.PROC_OPS ? k.memory().load(p.procOps() + PROC_LSEEK, 8) : addr("seq_lseek");
        long r;
        if (fn == addr("seq_lseek")) {
            try {
                r = seq.lseek(callbacks(t, PATH_LSEEK, new ByteArrayOutputStream()), filp, offset, whence);
            } catch (SeqFile.Stopped s) {
                return s.result;
            }
        } else {
            t.setSyscallNr(8);
            r = Fops.call(k, t, fn, new long[] {filp, offset, whence}, PATH_LSEEK, ret -> ret);
        }
        if (r != DIED && r != RUNNING) {
            f.setPos(k.memory().load(ppos, 8));
        }
        return r;
    }

    /** Models proc_reg_unlocked_ioctl(): proc_ioctl's (int) result, -ENOTTY without one. */
    public long ioctl(Task t, OpenFile f, ProcEntry p, int cmd, long arg) {
        if (p.removed()) {
            return -EIO;                    // use_pde() failed: the entry was removed
        }
        long fn = p.kind() == ProcEntry.Kind.PROC_OPS ? k.memory().load(p.procOps() + PROC_IOCTL, 8) : 0;
        if (fn == 0) {
            return -25;
        }
        t.setSyscallNr(16);
        return Fops.call(k, t, fn, new long[] {f.filp(), cmd & 0xffffffffL, arg}, PATH_IOCTL,
                ret -> (int) ret == -515 ? -25 : (int) ret);
    }

    /** Models proc_reg_poll(): proc_poll's mask, DEFAULT_POLLMASK without one. */
    public long poll(Task t, OpenFile f, ProcEntry p, long pt) {
        if (p.removed()) {
            return Select.DEFAULT_POLLMASK;     // proc_reg_poll() without the entry: DEFAULT_POLLMASK
        }
        long fn = p.kind() == ProcEntry.Kind.PROC_OPS ? k.memory().load(p.procOps() + PROC_POLL, 8) : 0;
        if (fn == 0) {
            return Select.DEFAULT_POLLMASK;
        }
        t.setSyscallNr(7);
        return Fops.call(k, t, fn, new long[] {f.filp(), pt}, PATH_POLL, ret -> ret & 0xffffffffL);
    }

    /** Models proc_reg_read(): the bytes read, or null with the task's errno set. */
    public byte[] read(Task t, OpenFile f, ProcEntry p, int count) {
        if (p.removed()) {
            t.setLastError(EIO);            // use_pde() failed: the entry was removed
            return null;
        }
        long filp = f.filp();
        long ppos = filp + Files.POS;
        k.memory().store(ppos, 8, f.pos());
        List<String> seqPath = null;
        long read = 0;
        if (p.kind() == ProcEntry.Kind.PROC_OPS) {
            read = k.memory().load(p.procOps() + PROC_READ, 8);
            if (read == addr("seq_read")) {
                seqPath = PATH_SEQ_READ;
            } else if (read == 0 && k.memory().load(p.procOps() + PROC_READ_ITER, 8) == addr("seq_read_iter")) {
                seqPath = PATH_SEQ_READ_ITER;
            } else if (read == 0 && k.memory().load(p.procOps() + PROC_READ_ITER, 8) == 0) {
                t.setLastError(EIO);
                return null;
            }
        } else {
            seqPath = PATH_SEQ_READ_ITER;
        }
        t.setSyscallNr(NR_READ);
        long r;
        byte[] out;
        if (seqPath != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                r = seq.read(callbacks(t, seqPath, bytes), filp, ppos, Math.max(0, count));
            } catch (SeqFile.Stopped s) {
                r = s.result;
            }
            out = bytes.toByteArray();
        } else {
            int n = Math.max(0, Math.min(count, 1 << 20));
            k.memory().map(Layout.USER_BUFFER, Math.max(1, n));
            byte[][] got = new byte[1][];
            java.util.function.LongUnaryOperator done = ret -> {
                if (ret >= 0) {
                    got[0] = k.memory().read(Layout.USER_BUFFER, (int) Math.min(ret, n));
                }
                return ret;
            };
            r = read != 0 ? k.runTask(t, read, new long[] {filp, Layout.USER_BUFFER, n, ppos}, PATH_READ, done)
                    : new ReadWrite(k).newSync(t, filp, k.memory().load(p.procOps() + PROC_READ_ITER, 8), false,
                            Layout.USER_BUFFER, n, ppos, PATH_READ_ITER, done);
            k.memory().unmap(Layout.USER_BUFFER, Math.max(1, n));
            out = got[0];
        }
        if (r == DIED || r == RUNNING) {
            t.setLastError(EINTR);
            return null;
        }
        if (r < 0) {
            t.setLastError((int) -r);
            return null;
        }
        f.setPos(k.memory().load(ppos, 8));
        return out == null ? new byte[0] : out;
    }

    /** The seq_file callbacks on task t: module functions run on it, the reader's bytes collect in out. */
    private SeqFile.Callbacks callbacks(Task t, List<String> path, ByteArrayOutputStream out) {
        long start = addr("single_start"), next = addr("single_next"), stop = addr("single_stop");
        return new SeqFile.Callbacks() {
            @Override
            public long call(long fn, long... args) {
                long r = invoke(t, fn, args, path, ret -> ret);
                if (r == DIED || r == RUNNING) {
                    throw new SeqFile.Stopped(r);
                }
                return r;
            }

            @Override
            public boolean isSingle(long fn) {
                return fn == start || fn == next || fn == stop;
            }

            @Override
            public int copyOut(byte[] bytes) {
                out.writeBytes(bytes);
                return bytes.length;
            }
        };
    }

    /** Models proc_reg_write(): bytes written or -errno (-EIO without proc_write), or DIED/RUNNING. */
    public long write(Task t, OpenFile f, ProcEntry p, byte[] data) {
        if (p.removed()) {
            return -EIO;
        }
        long write = p.kind() == ProcEntry.Kind.PROC_OPS ? k.memory().load(p.procOps() + PROC_WRITE, 8) : 0;
        if (write == 0) {
            return -EIO;
        }
        long filp = f.filp();
        long ppos = filp + Files.POS;
        k.memory().store(ppos, 8, f.pos());
        k.memory().map(Layout.USER_BUFFER, Math.max(1, data.length));
        k.memory().write(Layout.USER_BUFFER, data);
        t.setSyscallNr(NR_WRITE);
        long r = k.runTask(t, write, new long[] {filp, Layout.USER_BUFFER, data.length, ppos}, PATH_WRITE, ret -> {
            f.setPos(k.memory().load(ppos, 8));
            return ret;
        });
        k.memory().unmap(Layout.USER_BUFFER, Math.max(1, data.length));
        return r;
    }

    /** Models proc_reg_release() → close_pdeo() → proc_release, then frees the struct file. */
    public long release(Task t, OpenFile f, ProcEntry p) {
        long filp = f.filp();
        long r = 0;
        switch (p.kind()) {
            case SINGLE -> seq.singleRelease(filp);
            case SEQ -> seq.release(filp);
            default -> {
                long rel = k.memory().load(p.procOps() + PROC_RELEASE, 8);
                if (rel == addr("single_release")) {
                    seq.singleRelease(filp);
                } else if (rel == addr("seq_release")) {
                    seq.release(filp);
                } else if (rel != 0) {
                    t.setSyscallNr(NR_CLOSE);
                    r = invoke(t, rel, new long[] {Files.inode(k.memory(), filp), filp}, PATH_RELEASE, ret -> ret);
                }
            }
        }
        if (r != DIED && r != RUNNING) {
            Files.free(k.memory(), k.slab(), filp);
            f.setFilp(0);
        }
        return r;
    }
}
