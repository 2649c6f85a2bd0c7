/*
 * classdev.c - a device class with two devices: what class_create and
 * device_create put in sysfs (dev, uevent, a device attribute) and in /dev,
 * and what device_destroy and class_destroy take away again.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>

#define NDEV 2

static dev_t base;
static struct cdev cdev;
static struct class *cls;
static struct device *devs[NDEV];
static int opens;

static ssize_t opens_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", opens);
}

static ssize_t opens_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	int v;

	if (kstrtoint(buf, 10, &v))
		return -EINVAL;
	opens = v;
	dev_info(dev, "opens set to %d\n", v);
	return count;
}
static DEVICE_ATTR_RW(opens);

static int classdev_open(struct inode *inode, struct file *file)
{
	opens++;
	pr_info("classdev: open of minor %u\n", iminor(inode));
	return 0;
}

static const struct file_operations classdev_fops = {
	.owner = THIS_MODULE,
	.open = classdev_open,
};

static int __init classdev_init(void)
{
	int i, err;

	err = alloc_chrdev_region(&base, 0, NDEV, "classdev");
	if (err)
		return err;
	cdev_init(&cdev, &classdev_fops);
	err = cdev_add(&cdev, base, NDEV);
	if (err)
		goto out_region;
	cls = class_create(THIS_MODULE, "classdev");
	if (IS_ERR(cls)) {
		err = PTR_ERR(cls);
		goto out_cdev;
	}
	for (i = 0; i < NDEV; i++)
		devs[i] = device_create(cls, NULL, MKDEV(MAJOR(base), i), NULL, "classdev%d", i);
	err = device_create_file(devs[0], &dev_attr_opens);
	pr_info("classdev: %s and %s, device_create_file %d\n", dev_name(devs[0]), dev_name(devs[1]), err);
	return 0;

out_cdev:
	cdev_del(&cdev);
out_region:
	unregister_chrdev_region(base, NDEV);
	return err;
}

static void __exit classdev_exit(void)
{
	int i;

	device_remove_file(devs[0], &dev_attr_opens);
	for (i = 0; i < NDEV; i++)
		device_destroy(cls, MKDEV(MAJOR(base), i));
	class_destroy(cls);
	cdev_del(&cdev);
	unregister_chrdev_region(base, NDEV);
	pr_info("classdev: %d opens\n", opens);
}

module_init(classdev_init);
module_exit(classdev_exit);
MODULE_LICENSE("GPL");
