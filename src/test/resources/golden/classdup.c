/*
 * classdup.c - two classes with one name, and two devices with one name in a class
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/module.h>

static struct class *first, *second;
static struct device *dev_a, *dev_b;

static int __init classdup_init(void)
{
    first = class_create(THIS_MODULE, "classdup");
    if (IS_ERR(first))
        return PTR_ERR(first);
    second = class_create(THIS_MODULE, "classdup");
    pr_info("classdup: second class_create: %d\n", PTR_ERR_OR_ZERO(second));
    dev_a = device_create(first, NULL, MKDEV(0, 0), NULL, "twin");
    dev_b = device_create(first, NULL, MKDEV(0, 0), NULL, "twin");
    pr_info("classdup: devices %s, %d\n", IS_ERR(dev_a) ? "failed" : dev_name(dev_a), PTR_ERR_OR_ZERO(dev_b));
    return 0;
}

static void __exit classdup_exit(void)
{
    device_destroy(first, MKDEV(0, 0));
    class_destroy(first);
    pr_info("classdup: gone\n");
}

module_init(classdup_init);
module_exit(classdup_exit);
MODULE_LICENSE("GPL");
