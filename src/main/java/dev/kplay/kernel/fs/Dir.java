package dev.kplay.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/*
 * A directory: a sorted map of names for ramfs-like directories, optionally backed by a generator
 * for procfs/sysfs directories whose entries follow kernel state (/proc/PID, /sys/module/X).
 * Generated entries are looked up on demand and never stored.
 */

/** A directory inode. */
public class Dir extends Inode {
    private final TreeMap<String, Inode> children = new TreeMap<>();
    private final Supplier<List<String>> dynamicNames;
    private final Function<String, Inode> dynamicLookup;

    public Dir(int perm) {
        this(perm, null, null);
    }

    /** A directory whose extra entries come from a generator (names, and name → inode or null). */
    public Dir(int perm, Supplier<List<String>> dynamicNames, Function<String, Inode> dynamicLookup) {
        super(S_IFDIR | perm);
        this.dynamicNames = dynamicNames;
        this.dynamicLookup = dynamicLookup;
    }

    public Inode lookup(String name) {
        Inode i = children.get(name);
        if (i == null && dynamicLookup != null) {
            i = dynamicLookup.apply(name);
        }
        return i;
    }

    public List<String> list() {
        List<String> names = new ArrayList<>(children.keySet());
        if (dynamicNames != null) {
            for (String n : dynamicNames.get()) {
                if (!children.containsKey(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    public void put(String name, Inode inode) {
        children.put(name, inode);
    }

    /** Removes a stored entry; returns it or null. */
    public Inode remove(String name) {
        return children.remove(name);
    }

    /** Removes a stored entry if it is this inode. */
    public void removeIf(String name, Inode inode) {
        if (children.get(name) == inode) {
            children.remove(name);
        }
    }
}
