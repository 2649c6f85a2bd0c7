package dev.kplay.kernel.base;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.fs.GeneratedFile;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.mm.AddressSpace;

import java.util.ArrayList;
import java.util.List;

/*
 * The platform bus (drivers/base/platform.c, bus.c, dd.c) for virtual devices: devices and
 * drivers registered by modules, matched by name (platform_match()), bound by calling the
 * driver's probe from inside the registering call (really_probe(): dev->driver is set first and
 * cleared again if probe fails), unbound by calling remove and then releasing the device's managed
 * resources. /sys/bus/platform/{devices,drivers} show the same state, and a driver directory's
 * bind and unbind files reach the same code as the kernel's bind_store()/unbind_store().
 *
 * Memory: each device is a struct platform_device in kmalloc memory (platform_device_alloc()),
 * laid out as kplay's <linux/platform_device.h> documents; a driver is the module's own struct
 * platform_driver. Function pointers are read from that memory when they are called, as C does.
 *
 * Invariant: a Device's driver is non-null exactly while its struct device's driver field points
 * at that driver's struct device_driver.
 */

/** Platform devices and drivers. */
public final class PlatformBus {
    // struct platform_device
    static final int PDEV_NAME = 0, PDEV_ID = 8, PDEV_ID_AUTO = 12, PDEV_DEV = 16, PDEV_SIZE = 232;
    // struct device (offsets inside it)
    static final int DEV_KOBJ_NAME = 0, DEV_INIT_NAME = 80, DEV_BUS = 96, DEV_DRIVER = 104, DEV_PLATFORM_DATA = 112,
            DEV_DRIVER_DATA = 120, DEV_CLASS = 152, DEV_RELEASE = 160;
    // struct platform_driver
    static final int PDRV_PROBE = 0, PDRV_REMOVE = 8, PDRV_DRIVER = 40;
    // struct device_driver (offsets inside it)
    static final int DRV_NAME = 0, DRV_BUS = 8, DRV_OWNER = 16;

    /** A registered platform device. */
    public final class Device {
        final long pdev;
        final String name;
        Driver driver;
        final Devres devres = new Devres();

        Device(long pdev, String name) {
            this.pdev = pdev;
            this.name = name;
        }

        public long dev() {
            return pdev + PDEV_DEV;
        }

        String baseName() {
            return mem.readCString(mem.load(pdev + PDEV_NAME, 8), 256);
        }
    }

    /** A registered platform driver. */
    public final class Driver {
        final long pdrv;
        final String name;
        final List<Device> bound = new ArrayList<>();

        Driver(long pdrv, String name) {
            this.pdrv = pdrv;
            this.name = name;
        }

        long deviceDriver() {
            return pdrv + PDRV_DRIVER;
        }
    }

    private final Kernel k;
    private final AddressSpace mem;
    /** struct bus_type platform_bus_type (its name at offset 0). */
    private long busType;
    private final List<Device> devices = new ArrayList<>();
    private final List<Driver> drivers = new ArrayList<>();
    private final java.util.BitSet autoIds = new java.util.BitSet();

    public PlatformBus(Kernel k) {
        this.k = k;
        this.mem = k.memory();
    }

    /** Sets the address of platform_bus_type (exported data) and writes its name. */
    public void setBusType(long addr, long nameAddr) {
        this.busType = addr;
        mem.store(addr, 8, nameAddr);
        emptyString = nameAddr + 15;
    }

    /** Models platform_device_alloc(): a zeroed struct platform_device named name, or 0. */
    public long alloc(String name, int id, long release) {
        long pdev = k.slab().kmalloc(PDEV_SIZE + name.length() + 1);
        if (pdev == 0) {
            return 0;
        }
        long nameAddr = pdev + PDEV_SIZE;
        mem.writeCString(nameAddr, name);
        mem.store(pdev + PDEV_NAME, 8, nameAddr);
        mem.store(pdev + PDEV_ID, 4, id);
        mem.store(pdev + PDEV_DEV + DEV_RELEASE, 8, release);
        return pdev;
    }

    /**
     * Models platform_device_add(): names the device (name.id, name, or name.N.auto), puts it on
     * the bus and binds the first matching driver. Returns 0 or -errno.
     */
    public long add(long pdev) {
        String base = mem.readCString(mem.load(pdev + PDEV_NAME, 8), 256);
        int id = (int) mem.load(pdev + PDEV_ID, 4);
        String devName;
        if (id == -2) {
            int auto = autoIds.nextClearBit(0);
            autoIds.set(auto);
            mem.store(pdev + PDEV_ID, 4, auto);
            mem.store(pdev + PDEV_ID_AUTO, 1, 1);
            devName = base + "." + auto + ".auto";
        } else {
            devName = id == -1 ? base : base + "." + id;
        }
        if (find(devName) != null) {
            return -17;
        }
        long nameAddr = k.slab().kmalloc(devName.length() + 1);
        if (nameAddr == 0) {
            return -12;
        }
        mem.writeCString(nameAddr, devName);
        mem.store(pdev + PDEV_DEV + DEV_KOBJ_NAME, 8, nameAddr);
        mem.store(pdev + PDEV_DEV + DEV_INIT_NAME, 8, 0);
        mem.store(pdev + PDEV_DEV + DEV_BUS, 8, busType);
        Device d = new Device(pdev, devName);
        devices.add(d);
        for (Driver drv : drivers) {
            if (matches(d, drv) && probe(d, drv) != -19) {
                break;
            }
        }
        return 0;
    }

    /** Models platform_device_del(): unbinds and takes the device off the bus. */
    public void del(long pdev) {
        Device d = byStruct(pdev);
        if (d == null) {
            return;
        }
        if (d.driver != null) {
            release(d);
        }
        devices.remove(d);
        if (mem.load(pdev + PDEV_ID_AUTO, 1) != 0) {
            autoIds.clear((int) mem.load(pdev + PDEV_ID, 4));
        }
    }

    /** Models platform_device_put() of the last reference: the device's release, then kfree. */
    public void put(long pdev) {
        if (pdev == 0 || byStruct(pdev) != null) {
            return;
        }
        k.slab().kfree(mem.load(pdev + PDEV_DEV + DEV_KOBJ_NAME, 8));
        k.slab().kfree(mem.load(pdev + PDEV_DEV + DEV_PLATFORM_DATA, 8));
        k.slab().kfree(pdev);
    }

    /**
     * Models __platform_driver_register(): driver_register() refuses a second driver of the same
     * name (-EBUSY, with bus_add_driver's message), then driver_attach() binds every unbound
     * matching device.
     */
    public long registerDriver(long pdrv, long owner) {
        long drv = pdrv + PDRV_DRIVER;
        String name = mem.readCString(mem.load(drv + DRV_NAME, 8), 256);
        for (Driver other : drivers) {
            if (other.name.equals(name)) {
                k.printk().log(3, "Error: Driver '" + name + "' is already registered, aborting...");
                return -16;
            }
        }
        mem.store(drv + DRV_BUS, 8, busType);
        mem.store(drv + DRV_OWNER, 8, owner);
        Driver d = new Driver(pdrv, name);
        drivers.add(d);
        for (Device dev : new ArrayList<>(devices)) {
            if (dev.driver == null && matches(dev, d)) {
                probe(dev, d);
            }
        }
        return 0;
    }

    /** Models platform_driver_unregister(): driver_detach() unbinds its devices, newest first. */
    public void unregisterDriver(long pdrv) {
        Driver d = driverByStruct(pdrv);
        if (d == null) {
            return;
        }
        for (int i = d.bound.size() - 1; i >= 0; i--) {
            release(d.bound.get(i));
        }
        drivers.remove(d);
    }

    /** Models platform_match() without device tree or ACPI: the device's name equals the driver's. */
    private boolean matches(Device d, Driver drv) {
        return d.baseName().equals(drv.name);
    }

    /**
     * Models really_probe(): dev->driver is set, probe runs; a failure other than -ENODEV/-ENXIO is
     * reported, and any failure unwinds (managed resources released, driver and drvdata cleared).
     * Returns probe's result.
     */
    private long probe(Device d, Driver drv) {
        long dev = d.dev();
        mem.store(dev + DEV_DRIVER, 8, drv.deviceDriver());
        d.driver = drv;
        long fn = mem.load(drv.pdrv + PDRV_PROBE, 8);
        int ret = fn == 0 ? 0 : (int) k.callModule(fn, d.pdev);
        if (ret == 0) {
            drv.bound.add(d);
            return 0;
        }
        releaseResources(d);
        mem.store(dev + DEV_DRIVER, 8, 0);
        mem.store(dev + DEV_DRIVER_DATA, 8, 0);
        d.driver = null;
        if (ret != -19 && ret != -6) {
            k.printk().log(4, drv.name + ": probe of " + d.name + " failed with error " + ret);
        }
        return ret;
    }

    /** Models device_release_driver(): remove (a non-zero return is only warned about), then devres. */
    private void release(Device d) {
        Driver drv = d.driver;
        long fn = mem.load(drv.pdrv + PDRV_REMOVE, 8);
        if (fn != 0) {
            int ret = (int) k.callModule(fn, d.pdev);
            if (ret != 0) {
                k.printk().log(4, drv.name + " " + d.name
                        + ": remove callback returned a non-zero value. This will be ignored.");
            }
        }
        releaseResources(d);
        mem.store(d.dev() + DEV_DRIVER, 8, 0);
        mem.store(d.dev() + DEV_DRIVER_DATA, 8, 0);
        drv.bound.remove(d);
        d.driver = null;
    }

    /** Models devres_release_all(). */
    private void releaseResources(Device d) {
        for (Devres.Resource r : d.devres.takeAllNewestFirst()) {
            if (r.isAction()) {
                k.callModule(r.action(), r.data());
            } else {
                k.slab().kfree(r.addr());
            }
        }
    }

    /** The platform device whose struct device is at dev, or null. */
    public Device byDev(long dev) {
        for (Device d : devices) {
            if (d.dev() == dev) {
                return d;
            }
        }
        return null;
    }

    Device byStruct(long pdev) {
        for (Device d : devices) {
            if (d.pdev == pdev) {
                return d;
            }
        }
        return null;
    }

    private Driver driverByStruct(long pdrv) {
        for (Driver d : drivers) {
            if (d.pdrv == pdrv) {
                return d;
            }
        }
        return null;
    }

    private Device find(String devName) {
        for (Device d : devices) {
            if (d.name.equals(devName)) {
                return d;
            }
        }
        return null;
    }

    /** Models devm_kmalloc()'s devres_add(): memory freed when dev is unbound. False if dev is unknown. */
    public boolean manage(long dev, Devres.Resource r) {
        Device d = byDev(dev);
        if (d == null) {
            return false;
        }
        d.devres.add(r);
        return true;
    }

    /** Models devres_remove() of a matching entry; the entry, or null. */
    public Devres.Resource unmanage(long dev, java.util.function.Predicate<Devres.Resource> match) {
        Device d = byDev(dev);
        return d == null ? null : d.devres.remove(match);
    }

    // ---- sysfs: /sys/bus/platform ----------------------------------------------------------------

    /** Mounts /sys/bus/platform/{devices,drivers}. */
    public void mount(Dir sys) {
        Dir bus = sub(sys, "bus");
        Dir platform = new Dir(0755);
        bus.put("platform", platform);
        platform.put("devices", new Dir(0755, () -> devices.stream().map(d -> d.name).sorted().toList(),
                name -> {
                    Device d = find(name);
                    return d == null ? null : deviceDir(d);
                }));
        platform.put("drivers", new Dir(0755, () -> drivers.stream().map(d -> d.name).sorted().toList(),
                name -> drivers.stream().filter(d -> d.name.equals(name)).findFirst().map(this::driverDir).orElse(null)));
        platform.put("uevent", new GeneratedFile(0200, 4096, () -> "", text -> (long) text.length()));
    }

    private static Dir sub(Dir parent, String name) {
        Inode i = parent.lookup(name);
        if (i instanceof Dir d) {
            return d;
        }
        Dir d = new Dir(0755);
        parent.put(name, d);
        return d;
    }

    private Dir deviceDir(Device d) {
        Dir dir = new Dir(0755);
        dir.put("modalias", new GeneratedFile(0444, 4096, () -> "platform:" + d.baseName() + "\n", null));
        dir.put("uevent", new GeneratedFile(0644, 4096, () -> (d.driver != null ? "DRIVER=" + d.driver.name + "\n" : "")
                + "MODALIAS=platform:" + d.baseName() + "\n", text -> (long) text.length()));
        dir.put("driver_override", new GeneratedFile(0644, 4096, () -> "(null)\n", null));
        dir.put("power", new Dir(0755));
        dir.put("subsystem", new Dir(0755));
        if (d.driver != null) {
            dir.put("driver", new Dir(0755));
        }
        return dir;
    }

    private Dir driverDir(Driver drv) {
        Dir dir = new Dir(0755);
        dir.put("bind", new GeneratedFile(0200, 4096, () -> "", text -> bindStore(drv, text)));
        dir.put("unbind", new GeneratedFile(0200, 4096, () -> "", text -> unbindStore(drv, text)));
        dir.put("uevent", new GeneratedFile(0200, 4096, () -> "", text -> (long) text.length()));
        if (mem.load(drv.deviceDriver() + DRV_OWNER, 8) != 0) {
            dir.put("module", new Dir(0755));
        }
        for (Device d : drv.bound) {
            dir.put(d.name, new Dir(0755));
        }
        return dir;
    }

    /** Models unbind_store(): -ENODEV unless the named device is bound to this driver. */
    private long unbindStore(Driver drv, String text) {
        Device d = find(sysfsName(text));
        if (d == null || d.driver != drv) {
            return -19;
        }
        release(d);
        return text.length();
    }

    /** Models bind_store(): -ENODEV for an unknown or mismatched device, -EBUSY if already bound. */
    private long bindStore(Driver drv, String text) {
        Device d = find(sysfsName(text));
        if (d == null || !matches(d, drv)) {
            return -19;
        }
        if (d.driver != null) {
            return -16;
        }
        long ret = probe(d, drv);
        return ret > 0 ? -19 : ret == 0 ? text.length() : ret;
    }

    /** sysfs_streq(): a trailing newline does not count. */
    private static String sysfsName(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Models dev_driver_string(): the bound driver's name, else the bus name, else "". */
    public String driverString(long dev) {
        long addr = driverStringAddr(dev);
        return addr == 0 ? "" : mem.readCString(addr, 256);
    }

    /** dev_driver_string() as the address of the string it returns (0 for ""). */
    public long driverStringAddr(long dev) {
        long drv = mem.load(dev + DEV_DRIVER, 8);
        if (drv != 0) {
            return mem.load(drv + DRV_NAME, 8);
        }
        long bus = mem.load(dev + DEV_BUS, 8);
        if (bus != 0) {
            return mem.load(bus, 8);
        }
        long cls = mem.load(dev + DEV_CLASS, 8);
        return cls != 0 ? mem.load(cls, 8) : emptyString;      // struct class: name@0 (DeviceCore)
    }

    /** A kernel "" for dev_driver_string() of a device on no bus. */
    private long emptyString;

    /** Models dev_name(): init_name until the kobject is named. */
    public String devName(long dev) {
        long init = mem.load(dev + DEV_INIT_NAME, 8);
        long name = init != 0 ? init : mem.load(dev + DEV_KOBJ_NAME, 8);
        return name == 0 ? "(null)" : mem.readCString(name, 256);
    }
}
