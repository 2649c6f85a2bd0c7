package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.module.KernelParam;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.module.ModuleParams;
import dev.kplay.kernel.module.ModuleState;
import dev.kplay.kernel.panic.Taint;

import java.util.ArrayList;
import java.util.List;

/*
 * sysfs for modules (kernel/module/sysfs.c, kernel/params.c): /sys/module/X/{refcnt, initstate,
 * taint, coresize, initsize, version, srcversion} and parameters/NAME for each parameter with
 * sysfs permissions. Directories are generated from the module list, so they appear when the
 * module reaches mod_sysfs_setup (state COMING) and vanish with free_module().
 */

/** Builds /sys. */
public final class SysFs {
    private SysFs() {}

    public static void mount(Kernel k) {
        Dir sys = k.vfs().mkdirs("/sys");
        sys.put("module", new Dir(0755, () -> moduleNames(k), name -> moduleDir(k, name)));
        k.vfs().mkdirs("/sys/kernel");
        DebugFs.mount(k);
        k.vfs().mkdirs("/sys/class");
        k.vfs().mkdirs("/sys/devices");
    }

    static List<String> moduleNames(Kernel k) {
        List<String> names = new ArrayList<>();
        for (Module m : k.modules()) {
            if (m.state() != ModuleState.UNFORMED) {
                names.add(m.name());
            }
        }
        names.sort(null);
        return names;
    }

    static Inode moduleDir(Kernel k, String name) {
        Module m = k.findModule(name);
        if (m == null || m.state() == ModuleState.UNFORMED) {
            return null;
        }
        Dir d = new Dir(0755);
        d.put("refcnt", attr(() -> m.refcnt() + "\n"));
        d.put("initstate", attr(() -> m.state().initstate + "\n"));
        d.put("taint", attr(() -> Taint.moduleLetters(m.taints()) + "\n"));
        d.put("coresize", attr(() -> m.coreSize() + "\n"));
        d.put("initsize", attr(() -> m.initSize() + "\n"));
        Dir holders = new Dir(0755);
        for (Module user : m.users()) {
            holders.put(user.name(), new Dir(0755));
        }
        d.put("holders", holders);
        d.put("sections", new Dir(0755));
        d.put("notes", new Dir(0755));
        String version = m.image().modinfo("version");
        if (version != null) {
            d.put("version", attr(() -> version + "\n"));
        }
        String srcversion = m.image().modinfo("srcversion");
        if (srcversion != null) {
            d.put("srcversion", attr(() -> srcversion + "\n"));
        }
        ModuleParams ops = new ModuleParams(k, m);
        Dir params = new Dir(0755);
        boolean any = false;
        for (KernelParam kp : m.params()) {
            if (kp.perm() == 0) {
                continue;
            }
            any = true;
            boolean writable = (kp.perm() & 0222) != 0;
            params.put(kp.name(), new GeneratedFile(kp.perm() & 0777, 4096, () -> ops.get(kp),
                    writable ? text -> ops.set(kp, text, new String[1]) : null));
        }
        if (any) {
            d.put("parameters", params);
        }
        return d;
    }

    private static GeneratedFile attr(java.util.function.Supplier<String> show) {
        return new GeneratedFile(0444, 4096, show, null);
    }

    /**
     * Names of a sysfs directory in the order getdents() returns them: kernfs keeps a directory's
     * children in an rbtree sorted by kernfs_name_hash(), then by name (kernfs_sd_compare()).
     */
    public static List<String> kernfsOrder(List<String> names) {
        List<String> sorted = new java.util.ArrayList<>(names);
        sorted.sort(java.util.Comparator.comparingLong((String n) -> kernfsNameHash(n)).thenComparing(n -> n));
        return sorted;
    }

    /** Models kernfs_name_hash() with no namespace: partial_name_hash() per byte, end_name_hash(), 31 bits. */
    static long kernfsNameHash(String name) {
        long hash = 0;
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            long c = b & 0xff;
            hash = (hash + (c << 4) + (c >> 4)) * 11;
        }
        hash = (hash * 0x61C8864680B583EBL) >>> 32;       // hash_long(hash, 32): hash_64_generic()
        hash &= 0x7fffffffL;
        if (hash < 2) {
            hash += 2;
        }
        if (hash >= 0x7fffffffL) {
            hash = 0x7fffffffL - 1;
        }
        return hash;
    }
}
