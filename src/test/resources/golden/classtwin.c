/*
 * classtwin.c - two classes with one name, and two devices with one name in a class
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kdev_t.h>
#include <linux/module.h>

static struct class *first, *second;
static struct device *dev_a, *dev_b;

static int __init classtwin_init(void)
{
    first = class_create(THIS_MODULE, "classtwin");
    if (IS_ERR(first))
        return PTR_ERR(first);
    second = class_create(THIS_MODULE, "classtwin");
    pr_info("classtwin: second class_create: %d\n", PTR_ERR_OR_ZERO(second));
    dev_a = device_create(first, NULL, MKDEV(0, 0), NULL, "twin");
    dev_b = device_create(first, NULL, MKDEV(0, 0), NULL, "twin");
    pr_info("classtwin: devices %s, %d\n", IS_ERR(dev_a) ? "failed" : dev_name(dev_a), PTR_ERR_OR_ZERO(dev_b));
    return 0;
}

static void __exit classtwin_exit(void)
{
    device_destroy(first, MKDEV(0, 0));
    class_destroy(first);
    pr_info("classtwin: gone\n");
}

module_init(classtwin_init);
module_exit(classtwin_exit);
MODULE_LICENSE("GPL");
