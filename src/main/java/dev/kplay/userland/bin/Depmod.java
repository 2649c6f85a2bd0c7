package dev.kplay.userland.bin;

import dev.kplay.ko.KoFile;
import dev.kplay.ko.ModuleImage;
import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * kmod 30's depmod and modprobe over /lib/modules/$(uname -r). depmod finds every .ko below that
 * directory and writes modules.dep (in the order of kmod's hash table, see hashSuperfast): each module's path, then the paths of everything it needs
 * (from the "depends" tag modpost put in its .modinfo), nearest first; without the kernel's own
 * modules.order, modules.builtin and modules.builtin.modinfo it warns as on the reference system
 * (an initramfs with no in-tree modules). modprobe NAME loads what modules.dep lists for NAME,
 * deepest dependency first, skipping what is loaded; modprobe -r NAME unloads it and then the
 * dependencies nothing else uses. A module not in modules.dep "is not found", even if its .ko
 * sits in the directory, until depmod has run.
 */

/** depmod [-a]; modprobe [-r] [-q] NAME [params...]. */
final class Depmod {
    private Depmod() {}

    static String base(Proc p) {
        return "/lib/modules/" + p.sys().uname(p.pid())[2];
    }

    static int depmod(Proc p) {
        String base = base(p);
        long[] st = p.sys().stat(p.pid(), base);
        if (st == null) {
            p.eprint("depmod: ERROR: could not open directory " + base + ": No such file or directory\n");
            return 1;
        }
        for (String f : List.of("modules.order", "modules.builtin", "modules.builtin.modinfo")) {
            if (p.sys().stat(p.pid(), base + "/" + f) == null) {
                p.eprint("depmod: WARNING: could not open " + f + " at " + base + ": No such file or directory\n");
            }
        }
        Map<String, String> pathByName = new LinkedHashMap<>();
        Map<String, List<String>> depends = new LinkedHashMap<>();
        for (String rel : kos(p, base, "")) {
            ModuleImage image;
            try {
                image = KoFile.decode(p.readFile(base + "/" + rel));
            } catch (RuntimeException e) {
                p.eprint("depmod: ERROR: failed to load symbols from " + base + "/" + rel + ": Invalid argument\n");
                continue;
            }
            String name = LoadedModules.normalize(Paths.baseName(rel));
            pathByName.putIfAbsent(name, rel);
            List<String> deps = new ArrayList<>();
            for (Map.Entry<String, String> e : image.modinfo()) {
                if (e.getKey().equals("depends") && !e.getValue().isEmpty()) {
                    for (String d : e.getValue().split(",")) {
                        deps.add(LoadedModules.normalize(d));
                    }
                }
            }
            depends.put(name, deps);
        }
        StringBuilder dep = new StringBuilder();
        List<Map.Entry<String, String>> order = new ArrayList<>(pathByName.entrySet());
        order.sort(java.util.Comparator.comparingInt((Map.Entry<String, String> m) -> hashSuperfast(m.getKey()) & 511)
            .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, String> m : order) {
            dep.append(m.getValue()).append(':');
            for (String d : closure(m.getKey(), depends)) {
                String path = pathByName.get(d);
                if (path != null) {
                    dep.append(' ').append(path);
                }
            }
            dep.append('\n');
        }
        return write(p, base + "/modules.dep", dep.toString()) ? 0 : 1;
    }

    /**
     * kmod's hash_superfast() (Paul Hsieh's SuperFastHash, libkmod/hash.c). Without modules.order,
     * depmod writes modules.dep in the order of its modules_by_name table: by bucket (the hash's
     * low 9 bits, 512 buckets), then by name within a bucket.
     */
    static int hashSuperfast(String key) {
        byte[] b = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int len = b.length;
        int hash = len;
        int rem = len & 3;
        int i = 0;
        for (int n = len / 4; n > 0; n--) {
            hash += u16(b, i);
            int tmp = (u16(b, i + 2) << 11) ^ hash;
            hash = (hash << 16) ^ tmp;
            i += 4;
            hash += hash >>> 11;
        }
        switch (rem) {
            case 3 -> {
                hash += u16(b, i);
                hash ^= hash << 16;
                hash ^= b[i + 2] << 18;
                hash += hash >>> 11;
            }
            case 2 -> {
                hash += u16(b, i);
                hash ^= hash << 11;
                hash += hash >>> 17;
            }
            case 1 -> {
                hash += b[i];
                hash ^= hash << 10;
                hash += hash >>> 1;
            }
            default -> { }
        }
        hash ^= hash << 3;
        hash += hash >>> 5;
        hash ^= hash << 4;
        hash += hash >>> 17;
        hash ^= hash << 25;
        hash += hash >>> 6;
        return hash;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    /** Everything name needs, nearest first (breadth first), each once. */
    static List<String> closure(String name, Map<String, List<String>> depends) {
        List<String> out = new ArrayList<>();
        List<String> queue = new ArrayList<>(depends.getOrDefault(name, List.of()));
        while (!queue.isEmpty()) {
            String d = queue.remove(0);
            if (!out.contains(d) && !d.equals(name)) {
                out.add(d);
                queue.addAll(depends.getOrDefault(d, List.of()));
            }
        }
        return out;
    }

    /** The .ko files below base/rel, as paths relative to base, in directory order. */
    private static List<String> kos(Proc p, String base, String rel) {
        List<String> out = new ArrayList<>();
        List<String> names = p.sys().listDir(p.pid(), rel.isEmpty() ? base : base + "/" + rel);
        if (names == null) {
            return out;
        }
        for (String n : names) {
            String r = rel.isEmpty() ? n : rel + "/" + n;
            long[] st = p.sys().stat(p.pid(), base + "/" + r);
            if (st == null) {
                continue;
            }
            if ((st[0] & 0170000) == 0040000) {
                if (!n.equals("build") && !n.equals("source")) {
                    out.addAll(kos(p, base, r));
                }
            } else if (n.endsWith(".ko")) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean write(Proc p, String path, String text) {
        long fd = p.check(p.sys().open(p.pid(), path, Cp.O_WRONLY | Cp.O_CREAT | Cp.O_TRUNC, 0644));
        if (fd < 0) {
            p.eprint("depmod: ERROR: could not open " + path + ": " + Errno.strerror((int) fd) + "\n");
            return false;
        }
        try {
            return p.check(p.sys().write(p.pid(), (int) fd, text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) >= 0;
        } finally {
            p.sys().close(p.pid(), (int) fd);
        }
    }

    /** modules.dep as module name -> {its path, the paths it needs...}, or null if there is none. */
    private static Map<String, List<String>> modulesDep(Proc p, String base) {
        String text = p.readText(base + "/modules.dep");
        if (text == null) {
            return null;
        }
        Map<String, List<String>> dep = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            paths.add(line.substring(0, colon));
            for (String d : line.substring(colon + 1).trim().split("\\s+")) {
                if (!d.isEmpty()) {
                    paths.add(d);
                }
            }
            dep.putIfAbsent(LoadedModules.normalize(Paths.baseName(paths.get(0))), paths);
        }
        return dep;
    }

    static int modprobe(Proc p) {
        String base = base(p);
        boolean remove = false;
        boolean quiet = false;
        List<String> args = new ArrayList<>();
        for (String a : p.args()) {
            if (args.isEmpty() && (a.equals("-r") || a.equals("--remove"))) {
                remove = true;
            } else if (args.isEmpty() && (a.equals("-q") || a.equals("--quiet"))) {
                quiet = true;
            } else {
                args.add(a);
            }
        }
        if (args.isEmpty()) {
            p.eprint("modprobe: ERROR: missing parameters. See -h.\n");
            return 1;
        }
        String name = LoadedModules.normalize(Paths.baseName(args.get(0)));
        Map<String, List<String>> dep = modulesDep(p, base);
        List<String> paths = dep == null ? null : dep.get(name);
        if (remove) {
            if (LoadedModules.initstate(p, name) == null) {
                return 0;
            }
            if (paths == null) {
                p.eprint("modprobe: FATAL: Module " + name + " is not in " + base + "/modules.dep.\n");
                return 1;
            }
            if (LoadedModules.refcnt(p, name, null) != 0 || !LoadedModules.holders(p, name, null).isEmpty()) {
                p.eprint("modprobe: FATAL: Module " + name + " is in use.\n");
                return 1;
            }
            if (!unload(p, name)) {
                return 1;
            }
            for (String d : paths.subList(1, paths.size())) {
                String dn = LoadedModules.normalize(Paths.baseName(d));
                if (LoadedModules.initstate(p, dn) != null && LoadedModules.refcnt(p, dn, null) == 0
                        && LoadedModules.holders(p, dn, null).isEmpty()) {
                    unload(p, dn);
                }
            }
            return 0;
        }
        if (paths == null) {
            if (!quiet) {
                p.eprint("modprobe: FATAL: Module " + name + " not found in directory " + base + "\n");
            }
            return 1;
        }
        if (LoadedModules.initstate(p, name) != null) {
            return 0;
        }
        for (int i = paths.size() - 1; i >= 1; i--) {
            String dn = LoadedModules.normalize(Paths.baseName(paths.get(i)));
            if (LoadedModules.initstate(p, dn) == null && !insert(p, base + "/" + paths.get(i), dn, "")) {
                return 1;
            }
        }
        return insert(p, base + "/" + paths.get(0), name, String.join(" ", args.subList(1, args.size()))) ? 0 : 1;
    }

    private static boolean insert(Proc p, String path, String name, String params) {
        long fd = p.check(p.sys().open(p.pid(), path, 0, 0));
        if (fd < 0) {
            p.eprint("modprobe: ERROR: could not insert '" + name + "': " + Errno.strerror((int) fd) + "\n");
            return false;
        }
        long r;
        try {
            r = p.check(p.sys().finitModule(p.pid(), (int) fd, params, 0));
        } finally {
            p.sys().close(p.pid(), (int) fd);
        }
        if (r < 0 && r != -Errno.EEXIST) {
            p.eprint("modprobe: ERROR: could not insert '" + name + "': " + (r == -Errno.ENOENT
                    ? "Unknown symbol in module, or unknown parameter (see dmesg)" : Errno.strerror((int) -r)) + "\n");
            return false;
        }
        return true;
    }

    private static boolean unload(Proc p, String name) {
        long r = p.check(p.sys().deleteModule(p.pid(), name, 04000));
        if (r < 0) {
            p.eprint("modprobe: FATAL: Module " + name + " is in use.\n");
            return false;
        }
        return true;
    }
}
