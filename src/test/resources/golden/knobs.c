/*
 * knobs.c - sysfs knobs under /sys/kernel/knobs: a checked number, a choice, a read-only counter
 */
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>

static struct kobject *knobs_kobj;
static int threshold = 10;
static int mode;                /* 0 = off, 1 = slow, 2 = fast */
static int changes;
static const char *const modes[] = { "off", "slow", "fast" };

static ssize_t threshold_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    return sysfs_emit(buf, "%d\n", threshold);
}

static ssize_t threshold_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
                               size_t count)
{
    int v, ret = kstrtoint(buf, 0, &v);

    if (ret)
        return ret;
    if (v < 0 || v > 100)
        return -ERANGE;
    threshold = v;
    changes++;
    pr_info("knobs: threshold %d\n", v);
    return count;
}

static ssize_t mode_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    int i, n = 0;

    for (i = 0; i < ARRAY_SIZE(modes); i++)
        n += sysfs_emit_at(buf, n, i == mode ? "[%s] " : "%s ", modes[i]);
    buf[n - 1] = '\n';
    return n;
}

static ssize_t mode_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count)
{
    int i = sysfs_match_string(modes, buf);

    if (i < 0)
        return i;
    mode = i;
    changes++;
    pr_info("knobs: mode %s\n", modes[i]);
    return count;
}

static ssize_t changes_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    return sysfs_emit(buf, "%d\n", changes);
}

static struct kobj_attribute threshold_attr = __ATTR(threshold, 0644, threshold_show, threshold_store);
static struct kobj_attribute mode_attr = __ATTR(mode, 0644, mode_show, mode_store);
static struct kobj_attribute changes_attr = __ATTR_RO(changes);

static struct attribute *knobs_attrs[] = {
    &threshold_attr.attr,
    &mode_attr.attr,
    &changes_attr.attr,
    NULL,
};

static const struct attribute_group knobs_group = {
    .attrs = knobs_attrs,
};

static int __init knobs_init(void)
{
    int ret;

    knobs_kobj = kobject_create_and_add("knobs", kernel_kobj);
    if (!knobs_kobj)
        return -ENOMEM;
    ret = sysfs_create_group(knobs_kobj, &knobs_group);
    if (ret)
        kobject_put(knobs_kobj);
    return ret;
}

static void __exit knobs_exit(void)
{
    pr_info("knobs: %d changes\n", changes);
    kobject_put(knobs_kobj);
}

module_init(knobs_init);
module_exit(knobs_exit);
MODULE_LICENSE("GPL");
