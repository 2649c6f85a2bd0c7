package dev.kplay.kernel.base;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.GeneratedFile;
import dev.kplay.kernel.fs.SysfsAttr;
import dev.kplay.kernel.mm.AddressSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Device classes and the devices made in them (drivers/base/class.c, core.c): class_create()
 * gives /sys/class/NAME; device_create() a struct device named by its format, with its
 * directory under /sys/devices/virtual/CLASS/NAME (also seen as /sys/class/CLASS/NAME, where 6.1
 * has a symlink) holding dev ("MAJ:MIN", when the device has a major), uevent (MAJOR, MINOR,
 * DEVNAME), power/ and subsystem, plus the /dev node devtmpfs makes (mode 0600);
 * device_create_file() adds a module's device_attribute there. device_destroy() finds the device
 * by its dev_t in the class and takes all of it away; class_destroy() the class.
 *
 * struct device is kplay's <linux/device.h> (kobj.name@0, parent@64, driver_data@120, devt@144,
 * class@152); struct class (opaque to modules): name@0 owner@8.
 */

/** Classes and class devices. */
public final class DeviceCore {
    static final int DEV_SIZE = 168, KOBJ_NAME = 0, PARENT = 64, DRIVER_DATA = 120, DEVT = 144, CLASS = 152;
    static final int CLASS_SIZE = 64;
    static final int EEXIST = 17, ENOMEM = 12, EINVAL = 22, ENOENT = 2;

    private final Kernel k;
    private final AddressSpace mem;
    /** class address → its name and devices (struct device address → name), in creation order. */
    private final Map<Long, String> classes = new LinkedHashMap<>();
    private final Map<Long, Map<Long, String>> devices = new LinkedHashMap<>();

    public DeviceCore(Kernel k) {
        this.k = k;
        this.mem = k.memory();
    }

    private static boolean isErr(long p) {
        return Long.compareUnsigned(p, -4095L) >= 0;
    }

    /**
     * A kobject whose sysfs directory exists already: sysfs_warn_dup()'s message and stack dump
     * (through sysfs_create_dir_ns() and kobject_add_internal(), then {@code callers}, innermost
     * first), then kobject_add_internal()'s error.
     */
    private void warnDuplicate(String path, String name, List<String> callers) {
        k.printk().log(4, "sysfs: cannot create duplicate filename '" + path + "'");
        if (k.current() != null) {
            List<String> frames = new ArrayList<>(List.of("dump_stack_lvl+0x44/0x5c", "sysfs_warn_dup.cold+0x17/0x24",
                    "sysfs_create_dir_ns+0xca/0xe0", "kobject_add_internal+0xba/0x260"));
            frames.addAll(callers);
            k.oopsReporter().dumpStack(k.current(), frames);
        }
        k.printk().log(3, "kobject_add_internal failed for " + name
                + " with -EEXIST, don't try to register things with the same name in the same directory.");
    }

    /** Models __class_create(): a struct class, /sys/class/NAME; ERR_PTR(-EEXIST) for a name in use. */
    public long classCreate(long owner, String name, long nameAddr) {
        Dir sysClass = k.vfs().mkdirs("/sys/class");
        if (sysClass.lookup(name) != null) {
            warnDuplicate("/class/" + name, name, List.of("kset_register+0x55/0x70", "__class_register+0xcf/0x190",
                    "__class_create+0x4c/0x80"));
            return -EEXIST;
        }
        long cls = k.slab().kmalloc(CLASS_SIZE);
        if (cls == 0) {
            return -ENOMEM;
        }
        for (int i = 0; i < CLASS_SIZE; i += 8) {
            mem.store(cls + i, 8, 0);
        }
        mem.store(cls, 8, nameAddr);
        mem.store(cls + 8, 8, owner);
        sysClass.put(name, new Dir(0755));
        k.vfs().mkdirs("/sys/devices/virtual").put(name, new Dir(0755));
        classes.put(cls, name);
        devices.put(cls, new LinkedHashMap<>());
        return cls;
    }

    /** Models class_destroy(): devices left in it are unregistered, then the class goes. */
    public void classDestroy(long cls) {
        if (cls == 0 || isErr(cls) || !classes.containsKey(cls)) {
            return;
        }
        for (long dev : List.copyOf(devices.get(cls).keySet())) {
            unregister(cls, dev);
        }
        String name = classes.remove(cls);
        devices.remove(cls);
        ((Dir) k.vfs().lookup("/sys/class")).remove(name);
        if (k.vfs().lookup("/sys/devices/virtual") instanceof Dir v) {
            v.remove(name);
        }
        k.slab().kfree(cls);
    }

    /** Models device_create(): the new struct device, or an ERR_PTR. */
    public long deviceCreate(long cls, long parent, long devt, long drvdata, String name) {
        if (isErr(cls) || (cls != 0 && !classes.containsKey(cls))) {
            return -EINVAL;
        }
        String className = cls == 0 ? null : classes.get(cls);
        Dir classDir = className == null ? k.vfs().mkdirs("/sys/devices/virtual")
                : (Dir) k.vfs().lookup("/sys/devices/virtual/" + className);
        if (classDir.lookup(name) != null) {
            warnDuplicate("/devices/virtual/" + (className == null ? "" : className + "/") + name, name,
                    List.of("kobject_add+0x9b/0xd0", "device_add+0xe0/0x8d0", "device_create_groups_vargs+0xce/0xf0",
                            "device_create+0x51/0x70"));
            return -EEXIST;
        }
        long dev = k.slab().kmalloc(DEV_SIZE);
        long nameAddr = k.slab().kmalloc(name.length() + 1L);
        if (dev == 0 || nameAddr == 0) {
            k.slab().kfree(dev);
            k.slab().kfree(nameAddr);
            return -ENOMEM;
        }
        for (int i = 0; i < DEV_SIZE; i += 8) {
            mem.store(dev + i, 8, 0);
        }
        mem.writeCString(nameAddr, name);
        mem.store(dev + KOBJ_NAME, 8, nameAddr);
        mem.store(dev + PARENT, 8, parent);
        mem.store(dev + DRIVER_DATA, 8, drvdata);
        mem.store(dev + DEVT, 4, devt);
        mem.store(dev + CLASS, 8, cls);
        int major = (int) ((devt & 0xffffffffL) >>> 20), minor = (int) (devt & 0xfffff);
        Dir d = new Dir(0755);
        if (major != 0) {
            d.put("dev", new GeneratedFile(0444, 4096, () -> major + ":" + minor + "\n", null));
        }
        d.put("uevent", new GeneratedFile(0644, 4096,
                () -> major == 0 ? "" : "MAJOR=" + major + "\nMINOR=" + minor + "\nDEVNAME=" + name + "\n",
                text -> ueventStore(className, name, text)));
        d.put("power", powerDir());
        if (className != null) {
            d.put("subsystem", k.vfs().lookup("/sys/class/" + className));
            ((Dir) k.vfs().lookup("/sys/class/" + className)).put(name, d);
        }
        classDir.put(name, d);
        if (major != 0) {
            k.devices().deviceCreate(name, major, minor, dev);
        }
        if (cls != 0) {
            devices.get(cls).put(dev, name);
        }
        return dev;
    }

    /** The uevent attribute's store (uevent_store → kobject_synth_uevent): 0, or -EINVAL with 6.1's two lines. */
    private long ueventStore(String className, String name, String text) {
        String action = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String word = action.contains(" ") ? action.substring(0, action.indexOf(' ')) : action;
        if (List.of("add", "remove", "change", "move", "online", "offline", "bind", "unbind").contains(word)) {
            return 0;
        }
        String path = "/devices/virtual/" + (className == null ? "" : className + "/") + name;
        k.printk().log(4, "synth uevent: " + path + ": unknown uevent action string");
        k.printk().log(3, (className == null ? "" : className + " ") + name + ": uevent: failed to send synthetic uevent: -22");
        return -EINVAL;
    }

    /** power/ of a device with runtime PM never enabled. */
    private static Dir powerDir() {
        Dir p = new Dir(0755);
        p.put("async", new GeneratedFile(0644, 4096, () -> "disabled\n", null));
        p.put("autosuspend_delay_ms", new GeneratedFile(0644, 4096, () -> null, null));   // -EIO: no autosuspend
        p.put("control", new GeneratedFile(0644, 4096, () -> "auto\n", null));
        p.put("runtime_active_kids", new GeneratedFile(0444, 4096, () -> "0\n", null));
        p.put("runtime_active_time", new GeneratedFile(0444, 4096, () -> "0\n", null));
        p.put("runtime_enabled", new GeneratedFile(0444, 4096, () -> "disabled\n", null));
        p.put("runtime_status", new GeneratedFile(0444, 4096, () -> "unsupported\n", null));
        p.put("runtime_suspended_time", new GeneratedFile(0444, 4096, () -> "0\n", null));
        p.put("runtime_usage", new GeneratedFile(0444, 4096, () -> "0\n", null));
        return p;
    }

    /** Models device_destroy(): the class's device with this dev_t is unregistered (nothing if none). */
    public void deviceDestroy(long cls, long devt) {
        if (cls == 0 || isErr(cls) || !devices.containsKey(cls)) {
            return;
        }
        for (long dev : devices.get(cls).keySet()) {
            if ((mem.load(dev + DEVT, 4) & 0xffffffffL) == (devt & 0xffffffffL)) {
                unregister(cls, dev);
                return;
            }
        }
    }

    /** Models device_unregister(): sysfs directories, /dev node and the struct device go. */
    private void unregister(long cls, long dev) {
        String name = devices.get(cls).remove(dev);
        String className = classes.get(cls);
        ((Dir) k.vfs().lookup("/sys/class/" + className)).remove(name);
        ((Dir) k.vfs().lookup("/sys/devices/virtual/" + className)).remove(name);
        long devt = mem.load(dev + DEVT, 4) & 0xffffffffL;
        if ((devt >>> 20) != 0) {
            k.devices().deviceDestroy((int) (devt >>> 20), (int) (devt & 0xfffff), new String[1]);
        }
        k.slab().kfree(mem.load(dev + KOBJ_NAME, 8));
        k.slab().kfree(dev);
    }

    /** Models device_create_file(): the attribute's file in the device's directory; 0 or -errno. */
    public long deviceCreateFile(long dev, long attr, String attrName, int mode) {
        Dir d = dirOf(dev);
        if (d == null) {
            return -ENOENT;
        }
        if (d.lookup(attrName) != null) {
            return -EEXIST;
        }
        d.put(attrName, new SysfsAttr(mode & 0777, dev, attr));
        return 0;
    }

    /** Models device_remove_file(). */
    public void deviceRemoveFile(long dev, String attrName) {
        Dir d = dirOf(dev);
        if (d != null && d.lookup(attrName) instanceof SysfsAttr) {
            d.remove(attrName);
        }
    }

    private Dir dirOf(long dev) {
        for (Map.Entry<Long, Map<Long, String>> e : devices.entrySet()) {
            String name = e.getValue().get(dev);
            if (name != null) {
                return (Dir) k.vfs().lookup("/sys/devices/virtual/" + classes.get(e.getKey()) + "/" + name);
            }
        }
        return null;
    }

    /** The names of a class's devices, in creation order (for tests). */
    public List<String> deviceNames(long cls) {
        return new ArrayList<>(devices.getOrDefault(cls, Map.of()).values());
    }
}
