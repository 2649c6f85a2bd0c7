package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;

/*
 * devtmpfs at boot: the memory devices every system has (drivers/char/mem.c: null 1:3,
 * zero 1:5, kmsg 1:11).
 */

/** Populates /dev. */
public final class DevFs {
    public static final int MEM_MAJOR = 1;
    public static final int NULL_MINOR = 3, ZERO_MINOR = 5, KMSG_MINOR = 11;

    private DevFs() {}

    public static void mount(Kernel k) {
        Dir dev = k.vfs().mkdirs("/dev");
        dev.put("null", new DevNode(0666, MEM_MAJOR, NULL_MINOR));
        dev.put("zero", new DevNode(0666, MEM_MAJOR, ZERO_MINOR));
        dev.put("kmsg", new DevNode(0644, MEM_MAJOR, KMSG_MINOR));
    }
}
