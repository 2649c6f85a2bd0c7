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
    /** misc_list order: misc_register() adds at the head. */
    private final java.util.List<Misc> miscOrder = new java.util.ArrayList<>();
    /** Char device regions and cdevs (fs/char_dev.c). */
    private CharDevices chrdevs;
    /** device_create()d nodes: /dev name → struct device address. */
    private final TreeMap<String, Long> created = new TreeMap<>();


    public Devices(Kernel k) {
        this.k = k;
    }

    public void miscRegister(long miscAddr, int minor, String name, long fops) {
        misc.put(minor, new Misc(miscAddr, minor, name, fops));
        miscOrder.add(0, misc.get(minor));
    }

    /** /proc/misc (misc_seq_show): the newest registration first, then the ones of boot. */
    public String procMisc() {
        StringBuilder sb = new StringBuilder();
        for (Misc m : miscOrder) {
            sb.append(String.format("%3d %s%n", m.minor(), m.name()));
        }
        return sb.append("125 cpu_dma_latency\n  1 psaux\n228 hpet\n126 userfaultfd\n231 snapshot\n183 hw_random\n"
                + "127 vga_arbiter\n").toString();
    }

    /** Models misc_deregister(): the device and its /dev node go away. */
    public void miscDeregister(long miscAddr) {
        for (Misc m : misc.values()) {
            if (m.misc() == miscAddr) {
                misc.remove(m.minor());
                miscOrder.remove(m);
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

    /** The char device registry, made on first use (it needs the slab). */
    public CharDevices chrdevs() {
        if (chrdevs == null) {
            chrdevs = new CharDevices(k.memory(), k.slab());
        }
        return chrdevs;
    }

    /** The file_operations behind a device node, or 0 (no driver: -ENXIO on open). */
    public long fops(DevNode d) {
        if (d.major() == 10) {
            return miscByMinor(d.minor());
        }
        long cdev = chrdevs().lookup(d.major(), d.minor());
        return cdev == 0 ? 0 : k.memory().load(cdev + CharDevices.CDEV_OPS, 8);
    }

    /** The owner (struct module) of the node's cdev, whose reference chrdev_open() takes first; 0 for none or misc. */
    public long cdevOwner(DevNode d) {
        if (d.major() == 10) {
            return 0;
        }
        long cdev = chrdevs().lookup(d.major(), d.minor());
        return cdev == 0 ? 0 : k.memory().load(cdev + CharDevices.CDEV_OWNER, 8);
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
    public long deviceDestroy(int major, int minor, String[] name) {
        Dir d = (Dir) k.vfs().lookup("/dev");
        for (var e : created.entrySet()) {
            if (d.lookup(e.getKey()) instanceof DevNode n && n.major() == major && n.minor() == minor) {
                d.remove(e.getKey());
                created.remove(e.getKey());
                name[0] = e.getKey();
                return e.getValue();
            }
        }
        return 0;
    }
}
