package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * debugfs (fs/debugfs/inode.c), mounted at /sys/kernel/debug (mode 0700, as debugfs mounts by
 * default). Every directory or file a module creates is a struct dentry in kernel memory (with
 * d_name and d_parent, so %pd and dentry->d_name work) that the module keeps and hands back as a
 * parent or to debugfs_remove(); this class maps those dentries to their place in the tree.
 * Errors are 6.1's: a name already there is "debugfs: File 'x' in directory 'y' already present!"
 * (or "Directory ... with parent ...") and ERR_PTR(-EEXIST); an ERR_PTR parent is passed back.
 * debugfs_remove() (and debugfs_remove_recursive, the same function in 6.1) takes the whole
 * subtree away.
 */

/** The debugfs tree and its dentries. */
public final class DebugFs {
    public static final String ROOT = "/sys/kernel/debug";
    static final int ENOENT = 2, EEXIST = 17, ENOMEM = 12;

    private final Kernel k;
    private final Map<Long, Node> dentries = new HashMap<>();
    private long rootDentry;

    /** A dentry's place: its parent dentry, name and inode. */
    private record Node(long parent, String name, Inode inode) {}

    public DebugFs(Kernel k) {
        this.k = k;
    }

    /** debugfs's mount point, made at boot by sysfs (debugfs_init registers the mount point in /sys/kernel). */
    public static void mount(Kernel k) {
        Dir kernel = k.vfs().mkdirs("/sys/kernel");
        if (kernel.lookup("debug") == null) {
            kernel.put("debug", new Dir(0700));
        }
    }

    private static boolean isErr(long p) {
        return Long.compareUnsigned(p, -4095L) >= 0;
    }

    /** The root's dentry ("/"), made on first use. */
    private long root() {
        if (rootDentry == 0) {
            rootDentry = newDentry("/", 0);
            dentries.put(rootDentry, new Node(0, "/", k.vfs().lookup(ROOT)));
        }
        return rootDentry;
    }

    /** Models debugfs_create_dir(): the new directory's dentry, or an ERR_PTR. */
    public long createDir(String name, long parent) {
        return create(name, parent, new Dir(0755));
    }

    /** Models debugfs_create_file() (and _unsafe, _size): the new file's dentry, or an ERR_PTR. */
    public long createFile(String name, int mode, long parent, long data, long fops, long size) {
        return create(name, parent, new DebugfsFile(mode, fops, data, size));
    }

    private long create(String name, long parent, Inode inode) {
        if (isErr(parent)) {
            return parent;
        }
        long p = parent == 0 ? root() : parent;
        Node pn = dentries.get(p);
        if (pn == null || !(pn.inode() instanceof Dir dir)) {
            return -ENOENT;       // a dentry debugfs_remove() already took away
        }
        Inode there = dir.lookup(name);
        if (there != null) {
            k.printk().log(3, there.isDir()
                    ? "debugfs: Directory '" + name + "' with parent '" + pn.name() + "' already present!"
                    : "debugfs: File '" + name + "' in directory '" + pn.name() + "' already present!");
            return -EEXIST;
        }
        long d = newDentry(name, p);
        if (d == 0) {
            return -ENOMEM;
        }
        inode.touch(1795659114L + k.now() / 1_000_000_000L);
        dir.put(name, inode);
        dentries.put(d, new Node(p, name, inode));
        return d;
    }

    /** Models debugfs_lookup(): the dentry of name in parent (the root for NULL), or NULL. */
    public long lookup(String name, long parent) {
        long p = parent == 0 ? root() : parent;
        for (Map.Entry<Long, Node> e : dentries.entrySet()) {
            if (e.getValue().parent() == p && e.getValue().name().equals(name)) {
                return e.getKey();
            }
        }
        return 0;
    }

    /** Models debugfs_remove() / debugfs_remove_recursive(): the dentry and all below it go. */
    public void remove(long dentry) {
        if (dentry == 0 || isErr(dentry) || dentry == rootDentry) {
            return;
        }
        Node n = dentries.get(dentry);
        if (n == null) {
            return;
        }
        List<Long> below = new ArrayList<>();
        collect(dentry, below);
        Node pn = dentries.get(n.parent());
        if (pn != null && pn.inode() instanceof Dir dir) {
            dir.removeIf(n.name(), n.inode());
        }
        for (long d : below) {
            dentries.remove(d);
            k.slab().kfree(d);
        }
    }

    private void collect(long dentry, List<Long> out) {
        out.add(dentry);
        for (Map.Entry<Long, Node> e : List.copyOf(dentries.entrySet())) {
            if (e.getValue().parent() == dentry) {
                collect(e.getKey(), out);
            }
        }
    }

    /** A struct dentry with d_name (inline) and d_parent (itself for the root); 0 when memory runs out. */
    private long newDentry(String name, long parent) {
        AddressSpace mem = k.memory();
        long d = k.slab().kmalloc(Files.DENTRY_SIZE);
        if (d == 0) {
            return 0;
        }
        for (int i = 0; i < Files.DENTRY_SIZE; i += 8) {
            mem.store(d + i, 8, 0);
        }
        String n = name.length() >= Files.DNAME_INLINE_LEN ? name.substring(0, Files.DNAME_INLINE_LEN - 1) : name;
        mem.writeCString(d + Files.D_INAME, n);
        mem.store(d + Files.D_NAME_HASH_LEN, 8, ((long) name.length() << 32) | (name.hashCode() & 0xffffffffL));
        mem.store(d + Files.D_NAME, 8, d + Files.D_INAME);
        mem.store(d + Files.D_PARENT, 8, parent == 0 ? d : parent);
        return d;
    }
}
