/*
 * sysfsknob.c - knobs under /sys/kernel/knob: a number that only takes
 * 0..100 (anything else is -EINVAL for the writer), a read-only counter of
 * writes, and an on/off switch parsed with kstrtobool.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/kernel.h>

static struct kobject *knob_kobj;
static int level = 50;
static int writes;
static bool enabled;

static ssize_t level_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", level);
}

static ssize_t level_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	int v, err;

	err = kstrtoint(buf, 10, &v);
	if (err)
		return err;
	if (v < 0 || v > 100)
		return -EINVAL;
	level = v;
	writes++;
	pr_info("knob: level=%d\n", level);
	return count;
}

static ssize_t writes_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", writes);
}

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", enabled ? "on" : "off");
}

static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	int err = kstrtobool(buf, &enabled);

	if (err)
		return err;
	writes++;
	return count;
}

static struct kobj_attribute level_attr = __ATTR(level, 0644, level_show, level_store);
static struct kobj_attribute writes_attr = __ATTR_RO(writes);
static struct kobj_attribute enabled_attr = __ATTR(enabled, 0664, enabled_show, enabled_store);

static int __init sysfsknob_init(void)
{
	int err;

	knob_kobj = kobject_create_and_add("knob", kernel_kobj);
	if (!knob_kobj)
		return -ENOMEM;
	err = sysfs_create_file(knob_kobj, &level_attr.attr);
	if (!err)
		err = sysfs_create_file(knob_kobj, &writes_attr.attr);
	if (!err)
		err = sysfs_create_file(knob_kobj, &enabled_attr.attr);
	if (err) {
		kobject_put(knob_kobj);
		return err;
	}
	pr_info("knob: ready\n");
	return 0;
}

static void __exit sysfsknob_exit(void)
{
	kobject_put(knob_kobj);
	pr_info("knob: %d writes\n", writes);
}

module_init(sysfsknob_init);
module_exit(sysfsknob_exit);
MODULE_LICENSE("GPL");
