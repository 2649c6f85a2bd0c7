package dev.kplay.kernel.fs;

/*
 * A sysfs attribute file of a module's kobject (fs/sysfs/file.c): the struct kobject and the
 * struct attribute (the head of a kobj_attribute) in module memory. Reading runs the attribute's
 * show(kobj, attr, buf) once per open, writing runs store(kobj, attr, buf, count) (SysfsFile).
 * ls -l shows 4096 bytes, as for every sysfs attribute.
 */

/** A kobj_attribute file under /sys. */
public final class SysfsAttr extends Inode {
    private final long kobj;
    private final long attr;

    public SysfsAttr(int perm, long kobj, long attr) {
        super(S_IFREG | perm);
        this.kobj = kobj;
        this.attr = attr;
    }

    public long kobj() { return kobj; }

    /** The struct attribute, which is also the struct kobj_attribute (attr is its first member). */
    public long attr() { return attr; }

    @Override
    public long size() { return 4096; }
}
