package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.Kobjects;
import dev.kplay.kernel.fs.SysfsAttr;
import dev.kplay.kernel.mm.AddressSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * kobjects and sysfs attributes as modules use them (lib/kobject.c, fs/sysfs/file.c, group.c):
 * kernel_kobj and its siblings, kobject_create_and_add/get/put/del, sysfs_create_file_ns,
 * sysfs_create_group and their removal, sysfs_emit, sysfs_streq. A name already taken gives
 * sysfs's "cannot create duplicate filename" report and -EEXIST, as on 6.1.
 * struct kobject: name@0 ... parent@24 ... kref@56 (kplay's <linux/kobject.h>); struct attribute:
 * name@0 mode@8; struct attribute_group: name@0 is_visible@8 attrs@16.
 */

/** kobject and sysfs exports. */
final class SysfsExports {
    static final int KOBJ_SIZE = 64, KOBJ_PARENT = 24, KOBJ_KREF = 56;
    static final long PAGE_SIZE = 4096;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Builtins builtins;
    /** The kernel's own kobjects: exported pointer name → sysfs directory. */
    private final Map<String, String> builtinDirs = new LinkedHashMap<>();
    private final Map<String, Long> builtinKobjs = new LinkedHashMap<>();
    private Kobjects kobjects;

    SysfsExports(Kernel k, Builtins builtins) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.builtins = builtins;
    }

    private Kobjects kobjects() {
        if (kobjects == null) {
            kobjects = new Kobjects(k.vfs().mkdirs("/sys"));
            builtinDirs.forEach((name, path) -> kobjects.builtin(builtinKobjs.get(name), k.vfs().mkdirs(path)));
        }
        return kobjects;
    }

    void register() {
        builtinDirs.put("kernel_kobj", "/sys/kernel");
        builtinDirs.put("mm_kobj", "/sys/kernel/mm");
        builtinDirs.put("power_kobj", "/sys/power");
        builtinDirs.put("firmware_kobj", "/sys/firmware");
        builtinDirs.put("hypervisor_kobj", "/sys/hypervisor");
        for (Map.Entry<String, String> e : builtinDirs.entrySet()) {
            long ptr = t.object(e.getKey(), 8);
            long kobj = k.slab().kmalloc(KOBJ_SIZE);
            long name = k.slab().kmalloc(16);
            String base = e.getValue().substring(e.getValue().lastIndexOf('/') + 1);
            mem.writeCString(name, base);
            mem.store(kobj, 8, name);
            mem.store(kobj + KOBJ_KREF, 4, 1);
            mem.store(ptr, 8, kobj);
            builtinKobjs.put(e.getKey(), kobj);
        }
        t.function("kobject_create_and_add", 0x80, (a, s) -> createAndAdd(a[0], a[1]));
        t.function("kobject_get", 0x60, (a, s) -> {
            if (a[0] != 0) {
                kobjects().get(a[0]);
                mem.store(a[0] + KOBJ_KREF, 4, mem.load(a[0] + KOBJ_KREF, 4) + 1);
            }
            return a[0];
        });
        t.function("kobject_put", 0x80, (a, s) -> {
            if (a[0] != 0) {
                mem.store(a[0] + KOBJ_KREF, 4, mem.load(a[0] + KOBJ_KREF, 4) - 1);
                if (kobjects().put(a[0])) {
                    k.slab().kfree(mem.load(a[0], 8));
                    k.slab().kfree(a[0]);
                }
            }
            return 0;
        });
        t.function("kobject_del", 0x40, (a, s) -> {
            if (a[0] != 0) {
                kobjects().del(a[0]);
            }
            return 0;
        });
        t.function("sysfs_create_file_ns", 0x90, (a, s) -> createFile(kobjects().dir(a[0]), a[0], a[1]));
        t.function("sysfs_remove_file_ns", 0x20, (a, s) -> {
            Dir d = kobjects().dir(a[0]);
            if (d != null && a[1] != 0) {
                String name = builtins.cstr(mem.load(a[1], 8));
                if (d.lookup(name) instanceof SysfsAttr) {
                    d.remove(name);
                }
            }
            return 0;
        });
        t.function("sysfs_create_group", 0x20, (a, s) -> createGroup(a[0], a[1]));
        t.function("sysfs_remove_group", 0xa0, (a, s) -> {
            Dir d = kobjects().dir(a[0]);
            if (d == null || a[1] == 0) {
                return 0;
            }
            long groupName = mem.load(a[1], 8);
            if (groupName != 0) {
                d.remove(builtins.cstr(groupName));
                return 0;
            }
            for (long p = mem.load(a[1] + 16, 8); p != 0 && mem.load(p, 8) != 0; p += 8) {
                d.remove(builtins.cstr(mem.load(mem.load(p, 8), 8)));
            }
            return 0;
        });
        t.function("sysfs_emit", 0x90, (a, s) -> {
            if (a[0] == 0) {
                return 0;
            }
            String text = builtins.format(a[1], a, 2);
            return Math.min(builtins.putBounded(a[0], PAGE_SIZE, text), PAGE_SIZE - 1);
        });
        t.function("sysfs_emit_at", 0x90, (a, s) -> {
            int at = (int) a[1];
            if (a[0] == 0 || (a[0] & (PAGE_SIZE - 1)) != 0 || at < 0 || at >= PAGE_SIZE) {
                return 0;   // 6.1 WARNs "invalid sysfs_emit_at" first; kplay leaves the warning out
            }
            String text = builtins.format(a[2], a, 3);
            return Math.min(builtins.putBounded(a[0] + at, PAGE_SIZE - at, text), PAGE_SIZE - at - 1);
        });
        t.function("__sysfs_match_string", 0x60, (a, s) -> matchString(a[0], a[1], builtins.cstr(a[2]), true));
        t.function("match_string", 0x60, (a, s) -> matchString(a[0], a[1], builtins.cstr(a[2]), false));
        t.function("sysfs_streq", 0x50, (a, s) -> {
            String x = builtins.cstr(a[0]), y = builtins.cstr(a[1]);
            return stripNewline(x).equals(stripNewline(y)) ? 1 : 0;
        });
    }

    /**
     * Models match_string() (strcmp) and __sysfs_match_string() (sysfs_streq): the index of the
     * first of the n entries (up to a NULL one) equal to str, or -EINVAL.
     */
    private long matchString(long array, long n, String str, boolean sysfs) {
        for (long i = 0; i < n; i++) {
            long item = mem.load(array + 8 * i, 8);
            if (item == 0) {
                break;
            }
            String x = builtins.cstr(item);
            if (sysfs ? stripNewline(x).equals(stripNewline(str)) : x.equals(str)) {
                return i;
            }
        }
        return -22;
    }

    private static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Models kobject_create_and_add(): a kzalloc'ed kobject with its directory, or NULL. */
    private long createAndAdd(long nameAddr, long parent) {
        String name = builtins.cstr(nameAddr);
        long kobj = k.slab().kmalloc(KOBJ_SIZE);
        long copy = k.slab().kmalloc(name.length() + 1);
        if (kobj == 0 || copy == 0) {
            k.slab().kfree(kobj);
            k.slab().kfree(copy);
            return 0;
        }
        for (int i = 0; i < KOBJ_SIZE; i += 8) {
            mem.store(kobj + i, 8, 0);
        }
        mem.writeCString(copy, name);
        mem.store(kobj, 8, copy);
        mem.store(kobj + KOBJ_PARENT, 8, parent);
        mem.store(kobj + KOBJ_KREF, 4, 1);
        Dir parentDir = kobjects().dir(parent);
        if (parentDir == null || !kobjects().add(kobj, parent, name, true)) {
            if (parentDir != null) {
                duplicate(kobjects().path(parentDir) + "/" + name);
                k.printk().log(3, "kobject_add_internal failed for " + name
                        + " with -EEXIST, don't try to register things with the same name in the same directory.");
            }
            k.slab().kfree(copy);
            k.slab().kfree(kobj);
            return 0;
        }
        return kobj;
    }

    /** sysfs_warn_dup(): the message and a stack dump. */
    private void duplicate(String path) {
        k.printk().log(4, "sysfs: cannot create duplicate filename '" + path + "'");
        if (k.current() != null) {
            k.oopsReporter().dumpStack(k.current(), List.of("dump_stack_lvl+0x44/0x5c", "sysfs_warn_dup.cold+0x17/0x24"));
        }
    }

    /** Models sysfs_add_file_mode_ns(): 0, -EEXIST, or -EINVAL for a kobject sysfs does not know. */
    private long createFile(Dir d, long kobj, long attr) {
        if (d == null || attr == 0) {
            return -22;
        }
        String name = builtins.cstr(mem.load(attr, 8));
        int mode = (int) (mem.load(attr + 8, 2) & 07777);
        if (d.lookup(name) != null) {
            duplicate(kobjects().path(d) + "/" + name);
            return -17;
        }
        d.put(name, new SysfsAttr(mode & 0777, kobj, attr));
        return 0;
    }

    /** Models sysfs_create_group() (no is_visible): a subdirectory if the group is named, each attribute in it. */
    private long createGroup(long kobj, long grp) {
        Dir d = kobjects().dir(kobj);
        if (d == null || grp == 0) {
            return -22;
        }
        long groupName = mem.load(grp, 8);
        if (groupName != 0) {
            String gname = builtins.cstr(groupName);
            if (d.lookup(gname) != null) {
                duplicate(kobjects().path(d) + "/" + gname);
                return -17;
            }
            Dir sub = new Dir(0755);
            d.put(gname, sub);
            d = sub;
        }
        for (long p = mem.load(grp + 16, 8); p != 0 && mem.load(p, 8) != 0; p += 8) {
            long r = createFile(d, kobj, mem.load(p, 8));
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }
}
