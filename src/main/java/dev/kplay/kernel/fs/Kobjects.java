package dev.kplay.kernel.fs;

import java.util.HashMap;
import java.util.Map;

/*
 * kobjects and their sysfs directories (lib/kobject.c, fs/sysfs/dir.c, fs/sysfs/group.c): each
 * struct kobject a module adds has a directory under its parent's (kernel_kobj is /sys/kernel,
 * NULL is /sys), holding the attribute files sysfs_create_file/group put there. kobject_put()
 * dropping the last reference takes the directory away with its files, as kobject_del() does.
 * The struct kobject stays in module or kmalloc memory; this only maps its address to the tree.
 */

/** The kobjects known to sysfs. */
public final class Kobjects {
    /** One kobject in sysfs: its directory, where that hangs, and kref. */
    private static final class Node {
        final Dir dir;
        final Dir parent;
        final String name;
        int refs = 1;
        final boolean dynamic;

        Node(Dir dir, Dir parent, String name, boolean dynamic) {
            this.dir = dir;
            this.parent = parent;
            this.name = name;
            this.dynamic = dynamic;
        }
    }

    private final Dir sys;
    private final Map<Long, Node> nodes = new HashMap<>();

    public Kobjects(Dir sys) {
        this.sys = sys;
    }

    /** Registers a kernel kobject (kernel_kobj...) for its existing directory. */
    public void builtin(long kobj, Dir dir) {
        nodes.put(kobj, new Node(dir, null, "", false));
    }

    /** The directory of a kobject (NULL: /sys), or null for one sysfs does not know. */
    public Dir dir(long kobj) {
        if (kobj == 0) {
            return sys;
        }
        Node n = nodes.get(kobj);
        return n == null ? null : n.dir;
    }

    /** The sysfs path of a directory without "/sys" ("/kernel/knob"), for sysfs's duplicate warning. */
    public String path(Dir d) {
        if (d == sys) {
            return "";
        }
        for (Node n : nodes.values()) {
            if (n.dir == d && n.parent != null) {
                return path(n.parent) + "/" + n.name;
            }
        }
        return d == sys ? "" : "/kernel";
    }

    /** Models kobject_add(): a directory NAME under the parent's; false if the name is taken. */
    public boolean add(long kobj, long parentKobj, String name, boolean dynamic) {
        Dir parent = dir(parentKobj);
        if (parent == null || parent.lookup(name) != null) {
            return false;
        }
        Dir d = new Dir(0755);
        parent.put(name, d);
        nodes.put(kobj, new Node(d, parent, name, dynamic));
        return true;
    }

    /** Models kobject_get(). */
    public void get(long kobj) {
        Node n = nodes.get(kobj);
        if (n != null) {
            n.refs++;
        }
    }

    /**
     * Models kobject_put(): the last reference deletes the directory; returns true when a
     * kobject_create_and_add()ed kobject is to be freed.
     */
    public boolean put(long kobj) {
        Node n = nodes.get(kobj);
        if (n == null || n.parent == null || --n.refs > 0) {
            return false;
        }
        n.parent.removeIf(n.name, n.dir);
        nodes.remove(kobj);
        return n.dynamic;
    }

    /** Models kobject_del(): the directory goes, the kobject stays referenced. */
    public void del(long kobj) {
        Node n = nodes.get(kobj);
        if (n != null && n.parent != null) {
            n.parent.removeIf(n.name, n.dir);
        }
    }
}
