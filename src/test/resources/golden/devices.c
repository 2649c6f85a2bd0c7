/*
 * devices.c - char device numbers three ways, as /proc/devices lists them:
 * register_chrdev with a dynamic major, register_chrdev_region with a fixed
 * one, and alloc_chrdev_region.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/fs.h>

static const struct file_operations empty_fops = {
	.owner = THIS_MODULE,
};

static int dyn_major;
static dev_t fixed = MKDEV(240, 0);
static dev_t alloced;

static int __init devices_init(void)
{
	int err;

	dyn_major = register_chrdev(0, "demo_dynamic", &empty_fops);
	if (dyn_major < 0)
		return dyn_major;
	err = register_chrdev_region(fixed, 4, "demo_fixed");
	if (err)
		goto out1;
	err = register_chrdev_region(fixed, 1, "demo_clash");
	pr_info("devices: second claim of 240:0 -> %d\n", err);
	err = alloc_chrdev_region(&alloced, 5, 3, "demo_alloc");
	if (err)
		goto out2;
	pr_info("devices: dynamic %d, fixed %d, alloc %d:%d\n", dyn_major, MAJOR(fixed),
		MAJOR(alloced), MINOR(alloced));
	return 0;
out2:
	unregister_chrdev_region(fixed, 4);
out1:
	unregister_chrdev(dyn_major, "demo_dynamic");
	return err;
}

static void __exit devices_exit(void)
{
	unregister_chrdev_region(alloced, 3);
	unregister_chrdev_region(fixed, 4);
	unregister_chrdev(dyn_major, "demo_dynamic");
}

module_init(devices_init);
module_exit(devices_exit);
MODULE_LICENSE("GPL");
