package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.TaskStruct;

/*
 * Misc devices (drivers/char/misc.c) as modules use them. misc_register() takes a dynamic minor
 * (counting down from 124, as the oracle's kernel hands them out) and makes /dev/NAME appear, as
 * devtmpfs does; the VFS then dispatches the node's file operations to the module (see
 * SyscallTable). (Wait queues and schedule() are SchedExports'.)
 *
 * struct miscdevice: minor@0 name@8 fops@16 mode@72 (kplay's headers document it).
 */

/** Misc device exports. */
final class DeviceExports {
    static final int MISC_MAJOR = 10;
    static final int MISC_DYNAMIC_MINOR = 255;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private int nextDynamicMinor = 124;

    DeviceExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("misc_register", 0x180, (a, s) -> miscRegister(a[0]));
        t.function("misc_deregister", 0x100, (a, s) -> {
            k.devices().miscDeregister(a[0]);
            return 0;
        });
    }

    /** Models misc_register(): 0, -EBUSY for a taken minor, -EINVAL without a name. */
    private long miscRegister(long misc) {
        int minor = (int) mem.load(misc, 4);
        long namePtr = mem.load(misc + 8, 8);
        if (namePtr == 0) {
            return -22;
        }
        String name = mem.readCString(namePtr, 64);
        if (minor == MISC_DYNAMIC_MINOR) {
            minor = nextDynamicMinor--;
            mem.store(misc, 4, minor);
        }
        Dir dev = (Dir) k.vfs().lookup("/dev");
        if (dev.lookup(name) != null || k.devices().miscByMinor(minor) != 0) {
            return -16;
        }
        long fops = mem.load(misc + 16, 8);
        k.devices().miscRegister(misc, minor, name, fops);
        // misc_devnode(): devtmpfs makes the node with the device's own mode when it sets one
        int mode = (int) mem.load(misc + 72, 2) & 07777;
        dev.put(name, new DevNode(mode != 0 ? mode : 0600, MISC_MAJOR, minor));
        return 0;
    }
}
