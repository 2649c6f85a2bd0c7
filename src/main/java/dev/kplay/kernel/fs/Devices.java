package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;

import java.util.TreeMap;

/*
 * The character-device side of the kernel: the misc device registry (drivers/char/misc.c),
 * register_chrdev() majors and the nodes device_create() makes in /dev. (Sleeping, wait queues
 * and khungtaskd are the scheduler's: kernel/sched.)
 */

/** Device registries. */
public final class Devices {
    /** One misc_register()ed device. */
    public record Misc(long misc, int minor, String name, long fops) {}

    private final Kernel k;
    private final TreeMap<Integer, Misc> misc = new TreeMap<>();
    /** register_chrdev()ed majors: major → (name, fops). */
    private final TreeMap<Integer, Chrdev> chrdevs = new TreeMap<>();
    /** device_create()d nodes: /dev name → struct device address. */
    private final TreeMap<String, Long> created = new TreeMap<>();

    /** One register_chrdev() registration (a cdev whose owner is fops->owner). */
    public record Chrdev(String name, long fops) {}

    public Devices(Kernel k) {
        this.k = k;
    }

    public void miscRegister(long miscAddr, int minor, String name, long fops) {
        misc.put(minor, new Misc(miscAddr, minor, name, fops));
    }

    /** Models misc_deregister(): the device and its /dev node go away. */
    public void miscDeregister(long miscAddr) {
        for (Misc m : misc.values()) {
            if (m.misc() == miscAddr) {
                misc.remove(m.minor());
                Dir dev = (Dir) k.vfs().lookup("/dev");
                if (dev.lookup(m.name()) instanceof DevNode d && d.major() == 10 && d.minor() == m.minor()) {
                    dev.remove(m.name());
                }
                return;
            }
        }
    }

    /** The file_operations of misc device minor, or 0. */
    public long miscByMinor(int minor) {
        Misc m = misc.get(minor);
        return m == null ? 0 : m.fops();
    }

    public Misc misc(int minor) {
        return misc.get(minor);
    }

    /** The file_operations behind a device node, or 0 (no driver: -ENXIO on open). */
    public long fops(DevNode d) {
        if (d.major() == 10) {
            return miscByMinor(d.minor());
        }
        Chrdev c = chrdevs.get(d.major());
        return c == null ? 0 : c.fops();
    }

    /** Whether the node's cdev is a module's own (register_chrdev), so open takes a second reference. */
    public boolean moduleCdev(DevNode d) {
        return d.major() != 10 && chrdevs.containsKey(d.major());
    }

    /** Models __register_chrdev(): major 0 asks for a dynamic one (from 246 down: the oracle machine's drivers hold 247-254); returns it or 0, or -EBUSY. */
    public long registerChrdev(int major, String name, long fops) {
        if (major == 0) {
            for (int m = 246; m >= 234; m--) {
                if (!chrdevs.containsKey(m)) {
                    chrdevs.put(m, new Chrdev(name, fops));
                    return m;
                }
            }
            return -16;
        }
        if (chrdevs.containsKey(major)) {
            return -16;
        }
        chrdevs.put(major, new Chrdev(name, fops));
        return 0;
    }

    public void unregisterChrdev(int major) {
        chrdevs.remove(major);
    }

    /** device_create(): devtmpfs makes /dev/NAME for the device number. */
    public void deviceCreate(String name, int major, int minor, long dev) {
        Dir d = (Dir) k.vfs().lookup("/dev");
        if (d.lookup(name) == null) {
            d.put(name, new DevNode(0600, major, minor));
            created.put(name, dev);
        }
    }

    /** device_destroy(): the node goes; returns the struct device address or 0. */
    public long deviceDestroy(int major, int minor) {
        Dir d = (Dir) k.vfs().lookup("/dev");
        for (var e : created.entrySet()) {
            if (d.lookup(e.getKey()) instanceof DevNode n && n.major() == major && n.minor() == minor) {
                d.remove(e.getKey());
                created.remove(e.getKey());
                return e.getValue();
            }
        }
        return 0;
    }
}
