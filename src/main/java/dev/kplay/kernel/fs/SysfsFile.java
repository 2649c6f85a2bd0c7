package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.sched.Task;

import java.util.List;

/*
 * kernfs reading and writing a kobject attribute (fs/kernfs/file.c, fs/sysfs/file.c,
 * lib/kobject.c kobj_attr_show/kobj_attr_store): a read runs show(kobj, kattr, buf) into a
 * zeroed PAGE_SIZE kernel buffer on the reading task and keeps the text for the rest of the open
 * file, as seq_file does; a write copies the user's bytes to a kernel buffer with a NUL after
 * them and runs store(kobj, kattr, buf, count), whose negative return is the writer's errno
 * (echo's "write error: Invalid argument"). A missing show or store is -EIO.
 * struct kobj_attribute: attr@0 (name@0 mode@8) show@16 store@24.
 */

/** A module's sysfs attribute, read and written. */
public final class SysfsFile {
    public static final int SHOW = 16, STORE = 24;
    static final long PAGE_SIZE = 4096;
    static final long DIED = Long.MIN_VALUE, RUNNING = Long.MIN_VALUE + 1;
    static final int EIO = 5, EINTR = 4, ENOMEM = 12;
    private static final List<String> TAIL = List.of("do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_SHOW = concat("kobj_attr_show+0x12/0x30", "sysfs_kf_seq_show+0xa6/0x100",
            "seq_read_iter+0x122/0x450", "vfs_read+0x1c6/0x2b0", "ksys_read+0x6b/0xf0");
    static final List<String> PATH_STORE = concat("kobj_attr_store+0x12/0x30", "kernfs_fop_write_iter+0x128/0x1c0",
            "vfs_write+0x2b5/0x3f0", "ksys_write+0x6b/0xf0");

    private final Kernel k;

    public SysfsFile(Kernel k) {
        this.k = k;
    }

    private static List<String> concat(String... head) {
        List<String> all = new java.util.ArrayList<>(List.of(head));
        all.addAll(TAIL);
        return List.copyOf(all);
    }

    /** The attribute's text for an open file (show() on its first read); null with the errno set. */
    public byte[] read(Task t, OpenFile f, SysfsAttr a, int count) {
        if (f.snapshot() == null) {
            long show = k.memory().load(a.attr() + SHOW, 8);
            if (show == 0) {
                t.setLastError(EIO);
                return null;
            }
            long buf = k.slab().kmalloc(PAGE_SIZE);
            if (buf == 0) {
                t.setLastError(ENOMEM);
                return null;
            }
            for (int i = 0; i < PAGE_SIZE; i += 8) {
                k.memory().store(buf + i, 8, 0);
            }
            t.setSyscallNr(0);
            byte[][] text = new byte[1][];
            long r = k.runTask(t, show, new long[] {a.kobj(), a.attr(), buf, }, PATH_SHOW, ret -> {
                if (ret >= 0) {
                    text[0] = k.memory().read(buf, (int) Math.min(ret, PAGE_SIZE));
                }
                return ret;
            });
            if (r != DIED && r != RUNNING) {
                k.slab().kfree(buf);
            }
            if (r == DIED || r == RUNNING) {
                t.setLastError(EINTR);
                return null;
            }
            if (r < 0) {
                t.setLastError((int) -r);
                return null;
            }
            if (r >= PAGE_SIZE) {
                k.printk().log(4, "fill_read_buffer: " + k.symbolize(show, true) + " returned bad count");
                text[0] = k.memory().read(buf, (int) PAGE_SIZE);
            }
            f.setSnapshot(text[0]);
        }
        byte[] s = f.snapshot();
        int from = (int) Math.min(f.pos(), s.length);
        int n = Math.min(count, s.length - from);
        f.setPos(from + n);
        return java.util.Arrays.copyOfRange(s, from, from + n);
    }

    /** Models kernfs_fop_write_iter() → kobj_attr_store(): bytes taken or -errno, or DIED/RUNNING. */
    public long write(Task t, SysfsAttr a, byte[] data) {
        long store = k.memory().load(a.attr() + STORE, 8);
        if (store == 0) {
            return -EIO;
        }
        int n = (int) Math.min(data.length, PAGE_SIZE - 1);
        long buf = k.slab().kmalloc(n + 1);
        if (buf == 0) {
            return -ENOMEM;
        }
        k.memory().write(buf, java.util.Arrays.copyOf(data, n));
        k.memory().store(buf + n, 1, 0);
        t.setSyscallNr(1);
        long r = k.runTask(t, store, new long[] {a.kobj(), a.attr(), buf, n}, PATH_STORE, ret -> ret);
        if (r != DIED && r != RUNNING) {
            k.slab().kfree(buf);
        }
        return r;
    }
}
