package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.ProcDir;
import dev.kplay.kernel.fs.ProcEntry;
import dev.kplay.kernel.fs.ProcGeneric;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.vm.KernelStack;

import java.util.List;

/*
 * The procfs API modules call (fs/proc/generic.c, fs/proc/proc_net.c's single/seq helpers):
 * proc_create and its _data/_single/_seq variants, proc_mkdir, proc_set_size, removal. Each
 * returns the address of a struct proc_dir_entry, or NULL; the entries themselves are ProcEntry
 * and ProcDir inodes that the VFS opens and reads (fs/ProcReg, fs/ReadWrite).
 */

/** /proc exports. */
final class ProcExports {
    private static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IALLUGO = 07777;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private ProcGeneric generic;

    ProcExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    private ProcGeneric generic() {
        if (generic == null) {
            generic = new ProcGeneric((Dir) k.vfs().lookup("/proc"), k.slab());
        }
        return generic;
    }

    void register() {
        t.function("proc_create", 0x60, (a, s) -> create(a[0], a[1], a[2], ProcEntry.Kind.PROC_OPS, a[3], 0, s));
        t.function("proc_create_data", 0x60, (a, s) -> create(a[0], a[1], a[2], ProcEntry.Kind.PROC_OPS, a[3], a[4], s));
        t.function("proc_create_single_data", 0x80, (a, s) -> create(a[0], a[1], a[2], ProcEntry.Kind.SINGLE, a[3], a[4], s));
        t.function("proc_create_seq_private", 0x80, (a, s) -> a[4] != 0 ? 0
                : create(a[0], a[1], a[2], ProcEntry.Kind.SEQ, a[3], a[5], s));
        t.function("proc_mkdir", 0x40, (a, s) -> mkdir(a[0], 0, a[1], 0));
        t.function("proc_mkdir_data", 0x40, (a, s) -> mkdir(a[0], a[1], a[2], a[3]));
        t.function("proc_mkdir_mode", 0x40, (a, s) -> mkdir(a[0], a[1], a[2], 0));
        t.function("_proc_mkdir", 0x40, (a, s) -> mkdir(a[0], a[1], a[2], a[3]));
        t.function("proc_set_size", 0x20, (a, s) -> {
            if (generic().inode(a[0]) instanceof ProcEntry e) {
                e.setSize(a[1]);
            }
            return 0;
        });
        t.function("proc_remove", 0x40, (a, s) -> {
            if (a[0] != 0) {
                generic().removeTree(a[0]);
            }
            return 0;
        });
        t.function("remove_proc_subtree", 0x100, (a, s) -> {
            Dir parent = generic().dir(a[1]);
            String name = cstr(a[0]);
            if (parent == null || parent.lookup(name) == null) {
                return -2;
            }
            Inode i = parent.lookup(name);
            long pde = i instanceof ProcEntry e ? e.pde() : i instanceof ProcDir d ? d.pde() : 0;
            generic().removeTree(pde);
            return 0;
        });
        t.function("remove_proc_entry", 0x100, (a, s) -> {
            String warning = generic().removeByName(cstr(a[0]), a[1]);
            if (warning != null && warning.startsWith("remove_proc_entry")) {
                k.printk().log(4, warning);
            }
            return 0;
        });
    }

    private String cstr(long addr) {
        return addr == 0 ? "" : mem.readCString(addr, 256);
    }

    /** The directory and last name a possibly slashed name ("driver/x") means under parent, or null. */
    private Object[] place(long nameAddr, long parentPde) {
        Dir dir = generic().dir(parentPde);
        String name = cstr(nameAddr);
        if (dir == null) {
            return null;
        }
        int slash;
        while ((slash = name.indexOf('/')) >= 0) {
            Inode next = dir.lookup(name.substring(0, slash));
            if (!(next instanceof Dir d)) {
                return null;
            }
            dir = d;
            name = name.substring(slash + 1);
        }
        if (name.isEmpty() || name.length() >= 256 || name.equals(".") || name.equals("..")) {
            return null;
        }
        if (parentPde == 0 && name.matches("\\d+") && name.length() < 10) {
            return null;   // a number in /proc is a pid: "create '/proc/N' by hand"
        }
        return new Object[] {dir, name};
    }

    /** Models proc_create_reg() + proc_register(): a struct proc_dir_entry, or NULL. */
    private long create(long nameAddr, long mode, long parentPde, ProcEntry.Kind kind, long ops, long data, KernelStack s) {
        String caller = switch (kind) {
            case SINGLE -> "proc_create_single_data+0x3c/0x50";
            case SEQ -> "proc_create_seq_private+0x40/0x50";
            default -> parentPde == 0 && data == 0 ? "proc_create+0x3c/0x50" : "proc_create_data+0x3e/0x50";
        };
        if ((mode & S_IFMT) != 0 && (mode & S_IFMT) != S_IFREG) {
            return 0;
        }
        if ((mode & S_IALLUGO) == 0) {
            mode |= 0444;
        }
        Object[] at = place(nameAddr, parentPde);
        if (at == null) {
            return 0;
        }
        Dir dir = (Dir) at[0];
        String name = (String) at[1];
        if (generic().exists(dir, name)) {
            alreadyRegistered(dir, name, caller);
            return 0;
        }
        long pde = generic().allocPde();
        if (pde == 0) {
            return 0;
        }
        String owner = s.depth() > 0 ? s.frameCode(0).module() : null;
        generic().register(dir, name, new ProcEntry(name, (int) (mode & 07777), kind, ops, pde, owner, data), pde);
        return pde;
    }

    /** proc_register()'s WARN for a name taken: "proc_dir_entry '/proc/x' already registered". */
    private void alreadyRegistered(Dir dir, String name, String caller) {
        String where = dir instanceof ProcDir d ? d.name() : "/proc";
        String message = "proc_dir_entry '" + where + "/" + name + "' already registered";
        if (k.current() == null) {
            k.printk().log(4, message);
            return;
        }
        k.oopsReporter().warn(k.current(), message, "fs/proc/generic.c:400", "proc_register+0x19f/0x240", List.of(caller));
    }

    /** Models _proc_mkdir(): mode 0 means 0555. */
    private long mkdir(long nameAddr, long mode, long parentPde, long data) {
        String caller = "_proc_mkdir+0x5d/0x80";
        if ((mode & 07777) == 0) {
            mode = 0555;
        }
        Object[] at = place(nameAddr, parentPde);
        if (at == null) {
            return 0;
        }
        Dir dir = (Dir) at[0];
        String name = (String) at[1];
        if (generic().exists(dir, name)) {
            alreadyRegistered(dir, name, caller);
            return 0;
        }
        long pde = generic().allocPde();
        if (pde == 0) {
            return 0;
        }
        generic().register(dir, name, new ProcDir(name, (int) (mode & 07777), pde, data), pde);
        return pde;
    }
}
