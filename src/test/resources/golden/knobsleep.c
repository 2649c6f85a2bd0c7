/*
 * knobsleep.c - a sysfs knob whose store waits for the hardware under a mutex
 */
#include <linux/delay.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sysfs.h>

static struct kobject *kobj;
static DEFINE_MUTEX(lock);
static int brightness = 50;

static ssize_t brightness_show(struct kobject *k, struct kobj_attribute *attr, char *buf)
{
    int v;

    mutex_lock(&lock);
    v = brightness;
    mutex_unlock(&lock);
    return sysfs_emit(buf, "%d\n", v);
}

static ssize_t brightness_store(struct kobject *k, struct kobj_attribute *attr, const char *buf, size_t n)
{
    int v, ret = kstrtoint(buf, 10, &v);

    if (ret)
        return ret;
    mutex_lock(&lock);
    msleep(15);                 /* the panel takes a while to settle */
    brightness = clamp(v, 0, 100);
    mutex_unlock(&lock);
    pr_info("knobsleep: brightness %d\n", brightness);
    return n;
}

static struct kobj_attribute brightness_attr = __ATTR_RW(brightness);

static int __init knobsleep_init(void)
{
    kobj = kobject_create_and_add("knobsleep", kernel_kobj);
    if (!kobj)
        return -ENOMEM;
    return sysfs_create_file(kobj, &brightness_attr.attr);
}

static void __exit knobsleep_exit(void)
{
    kobject_put(kobj);
}

module_init(knobsleep_init);
module_exit(knobsleep_exit);
MODULE_LICENSE("GPL");
