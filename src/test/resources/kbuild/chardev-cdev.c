/* a char device with alloc_chrdev_region + cdev, device nodes, module refs, exports */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static dev_t devno;
static struct cdev c;
static struct class *cls;
static char message[64] = "hello\n";

int kplay_shared_counter;
EXPORT_SYMBOL(kplay_shared_counter);

int kplay_shared_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL_GPL(kplay_shared_add);

static int c_open(struct inode *inode, struct file *file)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	file->private_data = message;
	pr_info("open minor %d\n", iminor(inode));
	return 0;
}

static int c_release(struct inode *inode, struct file *file)
{
	module_put(THIS_MODULE);
	return 0;
}

static ssize_t c_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	const char *msg = file->private_data;
	size_t n = strlen(msg);

	if (*off >= n)
		return 0;
	if (len > n - *off)
		len = n - *off;
	if (copy_to_user(buf, msg + *off, len))
		return -EFAULT;
	*off += len;
	return len;
}

static const struct file_operations fops = {
	.owner = THIS_MODULE,
	.open = c_open,
	.release = c_release,
	.read = c_read,
};

static int __init c_init(void)
{
	int ret = alloc_chrdev_region(&devno, 0, 1, "kplay_cdev");

	if (ret < 0)
		return ret;
	cdev_init(&c, &fops);
	c.owner = THIS_MODULE;
	ret = cdev_add(&c, devno, 1);
	if (ret)
		goto out_region;
	cls = class_create(THIS_MODULE, "kplay_cdev");
	if (IS_ERR(cls)) {
		ret = PTR_ERR(cls);
		goto out_cdev;
	}
	device_create(cls, NULL, devno, NULL, "kplay_cdev%d", 0);
	pr_info("major %d minor %d\n", MAJOR(devno), MINOR(devno));
	return 0;
out_cdev:
	cdev_del(&c);
out_region:
	unregister_chrdev_region(devno, 1);
	return ret;
}

static void __exit c_exit(void)
{
	device_destroy(cls, devno);
	class_destroy(cls);
	cdev_del(&c);
	unregister_chrdev_region(devno, 1);
}

module_init(c_init);
module_exit(c_exit);
MODULE_LICENSE("GPL");
