package dev.kplay.kernel.fs;

/*
 * A device special file under /dev: a character device number. The kernel's syscall layer
 * dispatches reads and writes by (major, minor): mem devices (null, zero, kmsg) are built in,
 * others go to a registered driver (register_chrdev).
 */

/** A character device node. */
public final class DevNode extends Inode {
    private final int major;
    private final int minor;

    public DevNode(int perm, int major, int minor) {
        super(S_IFCHR | perm);
        this.major = major;
        this.minor = minor;
    }

    public int major() { return major; }

    public int minor() { return minor; }
}
