package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * What libkmod reads about loaded modules: /proc/modules for the list (newest first, as the kernel
 * prints it), and /sys/module/NAME/{initstate,refcnt,coresize,holders/} for one module. When a
 * sysfs attribute cannot be read, the /proc/modules line stands in for it.
 */

/** libkmod's view of the loaded modules, read through the syscalls. */
final class LoadedModules {
    private LoadedModules() {}

    /** One /proc/modules line: "name size refcnt deps state addr [(taints)]". */
    record Line(String name, long size, int refcnt, List<String> users, String state) {}

    /** The /proc/modules lines, or null if it cannot be read. */
    static List<Line> list(Proc p) {
        String text = p.readText("/proc/modules");
        if (text == null) {
            return null;
        }
        List<Line> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            List<String> users = new ArrayList<>();
            if (!f[3].equals("-")) {
                for (String u : f[3].split(",")) {
                    if (!u.isEmpty()) {
                        users.add(u);
                    }
                }
            }
            out.add(new Line(f[0], parseLong(f[1], 0), (int) parseLong(f[2], 0), users, f[4]));
        }
        return out;
    }

    static Line find(Proc p, String name) {
        List<Line> all = list(p);
        if (all != null) {
            for (Line l : all) {
                if (l.name().equals(name)) {
                    return l;
                }
            }
        }
        return null;
    }

    /** /sys/module/NAME/initstate ("live", "coming", "going"), or null if the module is not loaded. */
    static String initstate(Proc p, String name) {
        String s = p.readText("/sys/module/" + name + "/initstate");
        if (s != null) {
            return s.trim();
        }
        Line l = find(p, name);
        if (l == null) {
            return null;
        }
        return switch (l.state()) {
            case "Loading" -> "coming";
            case "Unloading" -> "going";
            default -> "live";
        };
    }

    /** /sys/module/NAME/refcnt. */
    static int refcnt(Proc p, String name, Line fallback) {
        String s = p.readText("/sys/module/" + name + "/refcnt");
        if (s != null && s.trim().matches("-?\\d+")) {
            return Integer.parseInt(s.trim());
        }
        return fallback != null ? fallback.refcnt() : 0;
    }

    /** /sys/module/NAME/coresize (lsmod's Size column). */
    static long coresize(Proc p, String name, Line fallback) {
        String s = p.readText("/sys/module/" + name + "/coresize");
        if (s != null && s.trim().matches("\\d+")) {
            return Long.parseLong(s.trim());
        }
        return fallback != null ? fallback.size() : 0;
    }

    /** The modules using this one: /sys/module/NAME/holders/. */
    static List<String> holders(Proc p, String name, Line fallback) {
        List<String> h = p.sys().listDir(p.pid(), "/sys/module/" + name + "/holders");
        if (h != null) {
            return h;
        }
        return fallback != null ? fallback.users() : List.of();
    }

    /** modname_normalize(): '-' becomes '_', and the name stops at the first '.'. */
    static String normalize(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '.') {
                break;
            }
            b.append(c == '-' ? '_' : c);
        }
        return b.toString();
    }

    private static long parseLong(String s, long dflt) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
