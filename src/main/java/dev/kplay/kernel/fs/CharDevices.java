package dev.kplay.kernel.fs;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Slab;

import java.util.ArrayList;
import java.util.List;

/*
 * fs/char_dev.c: char device numbers and cdevs. A region (major, baseminor, count, name) is what
 * register_chrdev_region/alloc_chrdev_region claim and /proc/devices lists; a cdev_add()ed struct
 * cdev maps a range of device numbers to its file_operations, and chrdev_open() finds it there.
 * Dynamic majors are found as find_dynamic_major() does, from 254 down to 234, then 511 down
 * to 384, skipping majors in use; the drivers of the oracle's machine hold 247-254 from boot.
 *
 * struct cdev (kplay's <linux/cdev.h>): kobj@0 owner@64 ops@72 list@80 dev@96 count@100.
 */

/** Char device regions and cdevs. */
public final class CharDevices {
    public static final int CDEV_SIZE = 104, CDEV_OWNER = 64, CDEV_OPS = 72, CDEV_DEV = 96, CDEV_COUNT = 100;
    static final int MINORBITS = 20, MINORMASK = (1 << MINORBITS) - 1, CHRDEV_MAJOR_MAX = 512;
    static final int EBUSY = 16, EINVAL = 22;

    /** One claimed range of device numbers. */
    public record Region(int major, int baseminor, int count, String name) {}

    /** One cdev_add(): dev numbers [dev, dev+count) open through the struct cdev at addr. */
    private record Mapping(long dev, int count, long cdev) {}

    private final AddressSpace mem;
    private final Slab slab;
    private final List<Region> regions = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();

    public CharDevices(AddressSpace mem, Slab slab) {
        this.mem = mem;
        this.slab = slab;
        for (Object[] r : new Object[][] {{1, 0, 256, "mem"}, {4, 0, 1, "/dev/vc/0"}, {4, 1, 63, "tty"},
                {4, 64, 32, "ttyS"}, {5, 0, 1, "/dev/tty"}, {5, 1, 1, "/dev/console"}, {5, 2, 1, "/dev/ptmx"},
                {7, 0, 256, "vcs"}, {10, 0, 256, "misc"}, {13, 0, 256, "input"}, {29, 0, 32, "fb"},
                {128, 0, 1048576, "ptm"}, {136, 0, 1048576, "pts"}, {153, 0, 256, "spi"}, {247, 0, 256, "cxl"},
                {248, 0, 256, "bsg"}, {249, 0, 256, "ptp"}, {250, 0, 256, "pps"}, {251, 0, 256, "rtc"},
                {252, 0, 256, "dax"}, {253, 0, 256, "tpm"}, {254, 0, 256, "gpiochip"}}) {
            regions.add(new Region((int) r[0], (int) r[1], (int) r[2], (String) r[3]));
        }
    }

    private boolean majorUsed(int major) {
        return regions.stream().anyMatch(r -> r.major() % 255 == major % 255);
    }

    /** Models __register_chrdev_region(): the major used, or -errno (with the kernel's message in out[0]). */
    public long registerRegion(int major, int baseminor, int count, String name, String[] message) {
        if (major >= CHRDEV_MAJOR_MAX) {
            message[0] = "CHRDEV \"" + name + "\" major requested (" + major + ") is greater than the maximum ("
                    + (CHRDEV_MAJOR_MAX - 1) + ")";
            return -EINVAL;
        }
        if ((long) count > MINORMASK + 1L - baseminor) {
            message[0] = "CHRDEV \"" + name + "\" minor range requested (" + baseminor + "-" + (baseminor + count - 1)
                    + ") is out of range of maximum range (0-" + MINORMASK + ") for a single major";
            return -EINVAL;
        }
        if (major == 0) {
            major = dynamicMajor();
            if (major < 0) {
                message[0] = "CHRDEV \"" + name + "\" dynamic allocation region is full";
                return -EBUSY;
            }
        }
        for (Region r : regions) {
            if (r.major() == major && r.baseminor() < baseminor + count && baseminor < r.baseminor() + r.count()) {
                return -EBUSY;
            }
        }
        regions.add(new Region(major, baseminor, count, name));
        return major;
    }

    private int dynamicMajor() {
        for (int i = 254; i >= 234; i--) {
            if (!majorUsed(i)) {
                return i;
            }
        }
        for (int i = 511; i >= 384; i--) {
            final int m = i;
            if (regions.stream().noneMatch(r -> r.major() == m)) {
                return i;
            }
        }
        return -1;
    }

    /** Models __unregister_chrdev_region(): the region that starts there goes. */
    public void unregisterRegion(int major, int baseminor, int count) {
        regions.removeIf(r -> r.major() == major && r.baseminor() == baseminor && r.count() == count);
    }

    /** Models cdev_add(): 0. */
    public long cdevAdd(long cdev, long dev, int count) {
        mem.store(cdev + CDEV_DEV, 4, dev);
        mem.store(cdev + CDEV_COUNT, 4, count);
        mappings.add(new Mapping(dev, count, cdev));
        return 0;
    }

    /** Models cdev_del(): the cdev no longer opens. */
    public void cdevDel(long cdev) {
        mappings.removeIf(m -> m.cdev() == cdev);
    }

    /** Models kobj_lookup() in chrdev_open(): the struct cdev for a device number, or 0. */
    public long lookup(int major, int minor) {
        long dev = ((long) major << MINORBITS) | minor;
        for (int i = mappings.size() - 1; i >= 0; i--) {
            Mapping m = mappings.get(i);
            if (dev >= m.dev() && dev < m.dev() + m.count()) {
                return m.cdev();
            }
        }
        return 0;
    }

    /** Models __register_chrdev(): a region, a cdev_alloc()ed cdev owned by fops->owner; major or 0, or -errno. */
    public long registerChrdev(int major, int baseminor, int count, String name, long fops, String[] message) {
        long got = registerRegion(major, baseminor, count, name, message);
        if (got < 0) {
            return got;
        }
        long cdev = slab.kmalloc(CDEV_SIZE);
        if (cdev == 0) {
            unregisterRegion((int) got, baseminor, count);
            return -12;
        }
        for (int i = 0; i < CDEV_SIZE; i += 8) {
            mem.store(cdev + i, 8, 0);
        }
        mem.store(cdev + CDEV_OWNER, 8, fops == 0 ? 0 : mem.load(fops, 8));
        mem.store(cdev + CDEV_OPS, 8, fops);
        cdevAdd(cdev, (got << MINORBITS) | baseminor, count);
        return major == 0 ? got : 0;
    }

    /** Models __unregister_chrdev(): the region and its cdev go. */
    public void unregisterChrdev(int major, int baseminor, int count) {
        long cdev = lookup(major, baseminor);
        unregisterRegion(major, baseminor, count);
        if (cdev != 0) {
            cdevDel(cdev);
            slab.kfree(cdev);
        }
    }

    /** /proc/devices, from chrdev_show() for each major, then the block devices. */
    public String procDevices() {
        StringBuilder sb = new StringBuilder("Character devices:\n");
        for (int major = 0; major < CHRDEV_MAJOR_MAX; major++) {
            final int m = major;
            regions.stream().filter(r -> r.major() == m).sorted((a, b) -> Integer.compare(a.baseminor(), b.baseminor()))
                    .forEach(r -> sb.append(String.format("%3d %s%n", r.major(), r.name())));
        }
        return sb.append("\nBlock devices:\n259 blkext\n").toString();
    }
}
