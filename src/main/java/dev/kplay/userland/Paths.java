package dev.kplay.userland;

import java.util.ArrayDeque;
import java.util.Deque;

/*
 * Path arithmetic the C library and the shell do before any syscall: a relative path is joined
 * to the working directory and "." / ".." are folded, so the kernel only ever sees absolute paths
 * (the Syscalls contract).
 */

/** Absolute path resolution. */
public final class Paths {
    private Paths() {}

    /** {@code path} made absolute against {@code cwd}, with "." and ".." removed. */
    public static String resolve(String cwd, String path) {
        String full = path.startsWith("/") ? path : cwd + "/" + path;
        Deque<String> parts = new ArrayDeque<>();
        for (String p : full.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The last component of a path. */
    public static String baseName(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
