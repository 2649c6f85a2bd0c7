package dev.kplay.kernel.fs;

import dev.kplay.kernel.mm.Slab;

import java.util.HashMap;
import java.util.Map;

/*
 * fs/proc/generic.c: making and removing /proc entries. Each entry has a struct proc_dir_entry in
 * kernel memory (the pointer modules keep and pass back as a parent); this registry maps those
 * addresses to the inodes and their parent directories. A NULL parent is /proc itself.
 *
 * Removing follows 6.1: remove_proc_entry() of a directory that still has entries warns
 * ("remove_proc_entry: removing non-empty directory 'proc/x', leaking at least 'y'") and
 * leaves them; proc_remove() and remove_proc_subtree() take the whole subtree.
 */

/** /proc entries made by modules. */
public final class ProcGeneric {
    static final int PDE_SIZE = 0xc0;

    /** Where an entry hangs: its parent directory and name. */
    private record Place(Dir parent, String name, Inode inode) {}

    private final Dir proc;
    private final Slab slab;
    private final Map<Long, Place> byPde = new HashMap<>();

    public ProcGeneric(Dir proc, Slab slab) {
        this.proc = proc;
        this.slab = slab;
    }

    /** The directory a parent pointer names (NULL: /proc), or null if it is no directory of ours. */
    public Dir dir(long parentPde) {
        if (parentPde == 0) {
            return proc;
        }
        Place p = byPde.get(parentPde);
        return p != null && p.inode() instanceof Dir d ? d : null;
    }

    /** The entry a proc_dir_entry pointer names, or null. */
    public Inode inode(long pde) {
        Place p = byPde.get(pde);
        return p == null ? null : p.inode();
    }

    /** Whether name may be created in parent: proc_register()'s duplicate check. */
    public boolean exists(Dir parent, String name) {
        return parent.lookup(name) != null;
    }

    /** A fresh struct proc_dir_entry, or 0 without memory. */
    public long allocPde() {
        return slab.kmalloc(PDE_SIZE);
    }

    /** Models proc_register(): the entry appears in its directory. */
    public void register(Dir parent, String name, Inode inode, long pde) {
        parent.put(name, inode);
        byPde.put(pde, new Place(parent, name, inode));
    }

    /** The path of a directory under /proc ("proc/colors/more"), for the kernel's messages. */
    public String path(Dir d) {
        if (d == proc) {
            return "proc";
        }
        for (Place p : byPde.values()) {
            if (p.inode() == d) {
                return path(p.parent()) + "/" + p.name();
            }
        }
        return "proc";
    }

    /** Models remove_proc_entry(name, parent); returns a warning to log, or null. */
    public String removeByName(String name, long parentPde) {
        Dir parent = dir(parentPde);
        if (parent == null) {
            return null;
        }
        Inode i = parent.lookup(name);
        Long pde = pdeOf(parent, name, i);
        if (i == null || pde == null) {
            return "name '" + name + "'";
        }
        String warning = null;
        if (i instanceof Dir d && !d.list().isEmpty()) {
            warning = "remove_proc_entry: removing non-empty directory '" + path(parent) + "/" + name
                    + "', leaking at least '" + d.list().get(0) + "'";
        }
        parent.remove(name);
        byPde.remove(pde);
        slab.kfree(pde);
        return warning;
    }

    /** Models proc_remove() / remove_proc_subtree(): the entry and everything under it. */
    public void removeTree(long pde) {
        Place p = byPde.get(pde);
        if (p == null) {
            return;
        }
        if (p.inode() instanceof Dir d) {
            for (String n : d.list()) {
                Long child = pdeOf(d, n, d.lookup(n));
                if (child != null) {
                    removeTree(child);
                }
            }
        }
        p.parent().removeIf(p.name(), p.inode());
        byPde.remove(pde);
        slab.kfree(pde);
    }

    private Long pdeOf(Dir parent, String name, Inode i) {
        for (Map.Entry<Long, Place> e : byPde.entrySet()) {
            if (e.getValue().parent() == parent && e.getValue().name().equals(name) && e.getValue().inode() == i) {
                return e.getKey();
            }
        }
        return null;
    }
}
