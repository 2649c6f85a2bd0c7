/*
 * cdevregion.c - a char device the modern way: alloc_chrdev_region for a
 * dynamic major, cdev_init/cdev_add for two minors, class_create and
 * device_create for /dev/cdevdemo0 and /dev/cdevdemo1. Each minor says who
 * it is.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/uaccess.h>

#define NDEV 2

static dev_t base;
static struct cdev cdev;
static struct class *cls;

static int demo_open(struct inode *inode, struct file *file)
{
	file->private_data = (void *)(long)iminor(inode);
	pr_info("cdevdemo: open minor %d\n", iminor(inode));
	return 0;
}

static ssize_t demo_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char msg[32];
	int len = snprintf(msg, sizeof(msg), "I am minor %ld\n", (long)file->private_data);

	return simple_read_from_buffer(buf, count, ppos, msg, len);
}

static int demo_release(struct inode *inode, struct file *file)
{
	pr_info("cdevdemo: release minor %d\n", iminor(inode));
	return 0;
}

static const struct file_operations demo_fops = {
	.owner = THIS_MODULE,
	.open = demo_open,
	.read = demo_read,
	.release = demo_release,
};

static int __init cdevregion_init(void)
{
	int err, i;

	err = alloc_chrdev_region(&base, 0, NDEV, "cdevdemo");
	if (err)
		return err;
	cdev_init(&cdev, &demo_fops);
	cdev.owner = THIS_MODULE;
	err = cdev_add(&cdev, base, NDEV);
	if (err)
		goto unregister;
	cls = class_create(THIS_MODULE, "cdevdemo");
	if (IS_ERR(cls)) {
		err = PTR_ERR(cls);
		goto del;
	}
	for (i = 0; i < NDEV; i++)
		device_create(cls, NULL, MKDEV(MAJOR(base), i), NULL, "cdevdemo%d", i);
	pr_info("cdevdemo: %d devices from %d:%d\n", NDEV, MAJOR(base), MINOR(base));
	return 0;
del:
	cdev_del(&cdev);
unregister:
	unregister_chrdev_region(base, NDEV);
	return err;
}

static void __exit cdevregion_exit(void)
{
	int i;

	for (i = 0; i < NDEV; i++)
		device_destroy(cls, MKDEV(MAJOR(base), i));
	class_destroy(cls);
	cdev_del(&cdev);
	unregister_chrdev_region(base, NDEV);
	pr_info("cdevdemo: gone\n");
}

module_init(cdevregion_init);
module_exit(cdevregion_exit);
MODULE_LICENSE("GPL");
