package dev.kplay.kernel.fs;

import java.util.ArrayList;
import java.util.List;

/*
 * The name space (fs/namei.c, reduced): one tree of inodes under "/", walked component by
 * component. Mount points are just directories here: /proc and /sys are generated directories
 * hung into the tree at boot. Errno contracts follow the syscalls: -ENOENT for a missing
 * component, -ENOTDIR for a file used as a directory, -EISDIR/-EEXIST as open/mkdir return them.
 */

/** The virtual file system. */
public final class Vfs {
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;

    private final Dir root = new Dir(0755);

    public Dir root() {
        return root;
    }

    /** Splits an absolute path into its components ("." and empty ones dropped, ".." applied). */
    public static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return parts;
    }

    /** Models path_lookupat(): the inode at path, or null. */
    public Inode lookup(String path) {
        Inode cur = root;
        for (String p : components(path)) {
            if (!(cur instanceof Dir d)) {
                return null;
            }
            cur = d.lookup(p);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** The directory that holds path's last component, or null. */
    public Dir parent(String path) {
        List<String> parts = components(path);
        if (parts.isEmpty()) {
            return null;
        }
        Inode cur = root;
        for (String p : parts.subList(0, parts.size() - 1)) {
            if (!(cur instanceof Dir d)) {
                return null;
            }
            cur = d.lookup(p);
            if (cur == null) {
                return null;
            }
        }
        return cur instanceof Dir d ? d : null;
    }

    /** The last component of path. */
    public static String baseName(String path) {
        List<String> parts = components(path);
        return parts.isEmpty() ? "/" : parts.get(parts.size() - 1);
    }

    /** mkdir -p. */
    public Dir mkdirs(String path) {
        Dir cur = root;
        for (String p : components(path)) {
            Inode next = cur.lookup(p);
            if (next == null) {
                Dir d = new Dir(0755);
                cur.put(p, d);
                next = d;
            }
            if (!(next instanceof Dir d)) {
                throw new IllegalStateException("not a directory: " + p);
            }
            cur = d;
        }
        return cur;
    }
}
