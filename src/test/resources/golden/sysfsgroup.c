/*
 * sysfsgroup.c - two attributes created at once with an attribute_group,
 * under a kobject of our own at /sys/kernel/thermo.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/string.h>

static struct kobject *thermo;
static int celsius = 21;
static char unit[8] = "C";

static ssize_t temp_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	if (!strcmp(unit, "F"))
		return sysfs_emit(buf, "%d\n", celsius * 9 / 5 + 32);
	return sysfs_emit(buf, "%d\n", celsius);
}

static ssize_t temp_store(struct kobject *kobj, struct kobj_attribute *attr,
			  const char *buf, size_t count)
{
	int err = kstrtoint(buf, 0, &celsius);

	return err ? err : count;
}

static ssize_t unit_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", unit);
}

static ssize_t unit_store(struct kobject *kobj, struct kobj_attribute *attr,
			  const char *buf, size_t count)
{
	if (sysfs_streq(buf, "C") || sysfs_streq(buf, "F")) {
		unit[0] = buf[0];
		unit[1] = '\0';
		return count;
	}
	return -EINVAL;
}

static struct kobj_attribute temp_attr = __ATTR(temp, 0644, temp_show, temp_store);
static struct kobj_attribute unit_attr = __ATTR(unit, 0644, unit_show, unit_store);

static struct attribute *thermo_attrs[] = {
	&temp_attr.attr,
	&unit_attr.attr,
	NULL,
};

static const struct attribute_group thermo_group = {
	.attrs = thermo_attrs,
};

static int __init sysfsgroup_init(void)
{
	int err;

	thermo = kobject_create_and_add("thermo", kernel_kobj);
	if (!thermo)
		return -ENOMEM;
	err = sysfs_create_group(thermo, &thermo_group);
	if (err)
		kobject_put(thermo);
	return err;
}

static void __exit sysfsgroup_exit(void)
{
	sysfs_remove_group(thermo, &thermo_group);
	kobject_put(thermo);
}

module_init(sysfsgroup_init);
module_exit(sysfsgroup_exit);
MODULE_LICENSE("GPL");
