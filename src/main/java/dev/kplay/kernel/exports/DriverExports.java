package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.base.PlatformBus;
import dev.kplay.kernel.mm.AddressSpace;

/*
 * Exports of the driver core for virtual devices: the platform bus (register/unregister of
 * devices and drivers), managed resources (devm_*), and dev_printk with its real prefix,
 * "DRIVER DEVICE: " where DRIVER is the bound driver's name or else the bus name
 * (__dev_printk() with dev_driver_string() and dev_name()).
 */

/** Platform bus, devres and dev_printk exports. */
final class DriverExports {
    /** struct platform_device_info offsets: @24 name, @32 id, @56 data, @64 size_data. */
    static final int INFO_NAME = 24, INFO_ID = 32;

    private final Kernel k;
    private final Builtins b;
    private final ExportTable t;
    private final AddressSpace mem;

    DriverExports(Kernel k, Builtins b) {
        this.k = k;
        this.b = b;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        PlatformBus bus = k.platformBus();
        long busType = t.object("platform_bus_type", 208);
        long busName = k.slab().kmalloc(16);
        mem.writeCString(busName, "platform");
        bus.setBusType(busType, busName);
        long release = t.internal("platform_device_release", 0x40);
        t.function("platform_device_alloc", 0x80, (a, s) -> bus.alloc(b.cstr(a[0]), (int) a[1], release));
        t.function("platform_device_add", 0x180, (a, s) -> bus.add(a[0]));
        t.function("platform_device_add_data", 0x60, (a, s) -> {
            long copy = 0;
            if (a[1] != 0) {
                copy = b.kmalloc(a[2], "kmemdup");
                if (copy == 0) {
                    return -12;
                }
                b.copy(copy, a[1], a[2]);
            }
            k.slab().kfree(mem.load(a[0] + 16 + 112, 8));
            mem.store(a[0] + 16 + 112, 8, copy);
            return 0;
        });
        t.function("platform_device_del", 0x100, (a, s) -> {
            bus.del(a[0]);
            return 0;
        });
        t.function("platform_device_put", 0x40, (a, s) -> {
            bus.put(a[0]);
            return 0;
        });
        t.function("platform_device_unregister", 0x40, (a, s) -> {
            bus.del(a[0]);
            bus.put(a[0]);
            return 0;
        });
        t.function("platform_device_register_full", 0x1c0, (a, s) -> {
            long pdev = bus.alloc(b.cstr(mem.load(a[0] + INFO_NAME, 8)), (int) mem.load(a[0] + INFO_ID, 4), release);
            if (pdev == 0) {
                return -12;
            }
            long data = mem.load(a[0] + 56, 8);
            if (data != 0) {
                long size = mem.load(a[0] + 64, 8);
                long copy = b.kmalloc(size, "kmemdup");
                if (copy == 0) {
                    bus.put(pdev);
                    return -12;
                }
                b.copy(copy, data, size);
                mem.store(pdev + 16 + 112, 8, copy);
            }
            long ret = bus.add(pdev);
            if (ret != 0) {
                bus.put(pdev);
                return ret;
            }
            return pdev;
        });
        t.function("__platform_driver_register", 0x40, (a, s) -> bus.registerDriver(a[0], a[1]));
        t.function("platform_driver_unregister", 0x40, (a, s) -> {
            bus.unregisterDriver(a[0]);
            return 0;
        });
        devres(bus);
        printk(bus);
    }

    private void devres(PlatformBus bus) {
        t.function("devm_kmalloc", 0x100, (a, s) -> managedCopy(bus, a[0], a[1], null));
        t.function("devm_kstrdup", 0x60, (a, s) -> a[1] == 0 ? 0 : managedCopy(bus, a[0], -1, b.cstr(a[1])));
        t.function("devm_kasprintf", 0x80, (a, s) -> managedCopy(bus, a[0], -1, b.format(a[2], a, 3)));
        t.function("devm_kfree", 0x60, (a, s) -> {
            if (bus.unmanage(a[0], r -> !r.isAction() && r.addr() == a[1]) != null) {
                k.slab().kfree(a[1]);
            }
            return 0;
        });
        t.function("devm_add_action", 0x80, (a, s) -> bus.manage(a[0], new dev.kplay.kernel.base.Devres.Resource(0, a[1], a[2]))
                ? 0 : -12);
        t.function("devm_remove_action", 0x80, (a, s) -> {
            bus.unmanage(a[0], r -> r.isAction() && r.action() == a[1] && r.data() == a[2]);
            return 0;
        });
        t.function("devm_release_action", 0x80, (a, s) -> {
            if (bus.unmanage(a[0], r -> r.isAction() && r.action() == a[1] && r.data() == a[2]) != null) {
                k.callModule(a[1], a[2]);
            }
            return 0;
        });
    }

    /** A kmalloc block managed by dev: size bytes (zeroed), or a copy of text with its NUL. */
    private long managedCopy(PlatformBus bus, long dev, long size, String text) {
        long n = text != null ? text.length() + 1 : size;
        long p = b.kmalloc(n, "devm_kmalloc");
        if (p == 0) {
            return 0;
        }
        if (text != null) {
            mem.writeCString(p, text);
        }
        if (!bus.manage(dev, new dev.kplay.kernel.base.Devres.Resource(p, 0, 0))) {
            k.slab().kfree(p);
            return 0;
        }
        return p;
    }

    private void printk(PlatformBus bus) {
        t.function("dev_driver_string", 0x40, (a, s) -> bus.driverStringAddr(a[0]));
        String[] names = {"_dev_emerg", "_dev_alert", "_dev_crit", "_dev_err", "_dev_warn", "_dev_notice", "_dev_info"};
        for (int level = 0; level < names.length; level++) {
            int lv = level;
            t.function(names[level], 0x80, (a, s) -> devPrintk(bus, lv, a[0], b.format(a[1], a, 2)));
        }
        t.function("_dev_printk", 0x80, (a, s) -> {
            String lv = b.cstr(a[0]);
            int level = lv.length() >= 2 && lv.charAt(0) == 1 ? lv.charAt(1) - '0' : 4;
            return devPrintk(bus, level, a[1], b.format(a[2], a, 3));
        });
    }

    /** Models __dev_printk(). */
    private long devPrintk(PlatformBus bus, int level, long dev, String msg) {
        String text = dev == 0 ? "(NULL device *): " + msg
                : bus.driverString(dev) + " " + bus.devName(dev) + ": " + msg;
        k.printk().printk(Builtins.utf8("\001" + (char) ('0' + level) + text));
        return 0;
    }
}
