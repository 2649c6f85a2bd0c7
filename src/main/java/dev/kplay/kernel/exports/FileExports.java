package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.ProcEntry;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.PageFault;


/*
 * Exports that connect module code to files: the user-copy routines (a fault on a bad user
 * address is caught and reported as bytes not copied, as the exception tables make it in Linux),
 * simple_read_from_buffer, proc_create/proc_remove, and the char-device number registry
 * (register_chrdev). struct proc_ops (kplay's <linux/proc_fs.h>): proc_flags@0, proc_open@8,
 * proc_read@16, proc_read_iter@24, proc_write@32, proc_lseek@40, proc_release@48.
 */

/** File-related exports. */
public final class FileExports {
    public static final int PROC_OPEN = 8, PROC_READ = 16, PROC_WRITE = 32, PROC_RELEASE = 48;
    static final int PDE_SIZE = 0xc0;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Builtins builtins;

    FileExports(Kernel k, Builtins builtins) {
        this.k = k;
        this.builtins = builtins;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("_copy_to_user", 0x40, (a, s) -> copy(a[0], a[1], a[2], true));
        t.function("copy_to_user", 0x40, (a, s) -> copy(a[0], a[1], a[2], true));
        t.function("_copy_from_user", 0x40, (a, s) -> copy(a[0], a[1], a[2], false));
        t.function("copy_from_user", 0x40, (a, s) -> copy(a[0], a[1], a[2], false));
        t.function("simple_read_from_buffer", 0x80, this::simpleReadFromBuffer);
        t.function("simple_write_to_buffer", 0x80, this::simpleWriteToBuffer);
        t.function("proc_create", 0x60, this::procCreate);
        t.function("proc_mkdir", 0x40, (a, s) -> k.slab().kmalloc(PDE_SIZE));
        t.function("proc_remove", 0x40, (a, s) -> {
            procRemove(a[0], null);
            return 0;
        });
        t.function("remove_proc_entry", 0x100, (a, s) -> {
            procRemove(0, Kernel_cstr(a[0]));
            return 0;
        });
        t.function("__register_chrdev", 0x200, (a, s) -> k.devices().registerChrdev((int) a[0], Kernel_cstr(a[3]), a[4]));
        t.function("register_chrdev", 0x200, (a, s) -> k.devices().registerChrdev((int) a[0], Kernel_cstr(a[1]), a[2]));
        t.function("__unregister_chrdev", 0x100, (a, s) -> {
            k.devices().unregisterChrdev((int) a[0]);
            return 0;
        });
        t.function("unregister_chrdev", 0x100, (a, s) -> {
            k.devices().unregisterChrdev((int) a[0]);
            return 0;
        });
        t.function("__class_create", 0x100, (a, s) -> {
            long cls = k.slab().kmalloc(64);
            if (cls != 0) {
                mem.store(cls, 8, a[1]);
                mem.store(cls + 8, 8, a[0]);
            }
            return cls == 0 ? -12 : cls;
        });
        t.function("class_destroy", 0x60, (a, s) -> {
            if (a[0] != 0 && Long.compareUnsigned(a[0], -4095L) < 0) {
                k.slab().kfree(a[0]);
            }
            return 0;
        });
        t.function("device_create", 0x100, (a, s) -> {
            String name = Builtins.utf8(builtins.format(a[4], a, 5));
            long dev = k.slab().kmalloc(128);
            if (dev == 0) {
                return -12;
            }
            mem.store(dev, 8, a[2]);
            k.devices().deviceCreate(name, (int) (a[2] >>> 20), (int) (a[2] & 0xfffff), dev);
            return dev;
        });
        t.function("device_destroy", 0x80, (a, s) -> {
            long dev = k.devices().deviceDestroy((int) (a[1] >>> 20), (int) (a[1] & 0xfffff));
            if (dev != 0) {
                k.slab().kfree(dev);
            }
            return 0;
        });
    }

    private String Kernel_cstr(long addr) {
        return addr == 0 ? "" : mem.readCString(addr, 256);
    }

    /** Models raw copy_{to,from}_user(): returns the number of bytes NOT copied. */
    private long copy(long to, long from, long n, boolean toUser) {
        long user = toUser ? to : from;
        for (long i = 0; i < n; i++) {
            if (!Layout.isUser(user + i)) {
                return n - i;
            }
            try {
                mem.store(to + i, 1, mem.load(from + i, 1));
            } catch (PageFault pf) {
                if (Layout.isUser(pf.address())) {
                    return n - i;
                }
                throw pf;
            }
        }
        return 0;
    }

    /** Models simple_read_from_buffer(to, count, ppos, from, available). */
    private long simpleReadFromBuffer(long[] a, KernelStack s) {
        long to = a[0], count = a[1], ppos = a[2], from = a[3], available = a[4];
        long pos = mem.load(ppos, 8);
        if (pos < 0) {
            return -22;
        }
        if (pos >= available || count == 0) {
            return 0;
        }
        long n = Math.min(count, available - pos);
        long left = copy(to, from + pos, n, true);
        if (left == n) {
            return -14;
        }
        n -= left;
        mem.store(ppos, 8, pos + n);
        return n;
    }

    /** Models simple_write_to_buffer(to, available, ppos, from, count). */
    private long simpleWriteToBuffer(long[] a, KernelStack s) {
        long to = a[0], available = a[1], ppos = a[2], from = a[3], count = a[4];
        long pos = mem.load(ppos, 8);
        if (pos < 0) {
            return -22;
        }
        if (pos >= available || count == 0) {
            return 0;
        }
        long n = Math.min(count, available - pos);
        long left = copy(to + pos, from, n, false);
        if (left == n) {
            return -14;
        }
        n -= left;
        mem.store(ppos, 8, pos + n);
        return n;
    }

    /** Models proc_create(name, mode, parent, proc_ops): a struct proc_dir_entry, or NULL if it exists. */
    private long procCreate(long[] a, KernelStack s) {
        String name = Kernel_cstr(a[0]);
        Dir proc = (Dir) k.vfs().lookup("/proc");
        if (name.isEmpty() || name.contains("/") || proc.lookup(name) != null) {
            if (!name.isEmpty() && proc.lookup(name) != null) {
                k.printk().log(4, "proc_dir_entry '/proc/" + name + "' already registered");
            }
            return 0;
        }
        long pde = k.slab().kmalloc(PDE_SIZE);
        if (pde == 0) {
            return 0;
        }
        int mode = (int) (a[1] & 0777);
        if (mode == 0) {
            mode = 0444;
        }
        String owner = s.depth() > 0 ? s.frameCode(0).module() : null;
        proc.put(name, new ProcEntry(name, mode, a[3], pde, owner));
        return pde;
    }

    private void procRemove(long pde, String name) {
        Dir proc = (Dir) k.vfs().lookup("/proc");
        for (String n : proc.list()) {
            Inode i = proc.lookup(n);
            if (i instanceof ProcEntry e && (e.pde() == pde && pde != 0 || e.name().equals(name))) {
                proc.remove(n);
                k.slab().kfree(e.pde());
                return;
            }
        }
    }

}
