/*
 * misc.c - a misc character device with read and write (a tiny message buffer).
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static char msg[64] = "initial message\n";
static size_t msg_len = 16;
static int opens;

static int misc_open(struct inode *inode, struct file *file)
{
	opens++;
	pr_info("misc: open #%d\n", opens);
	return 0;
}

static int misc_release(struct inode *inode, struct file *file)
{
	pr_info("misc: release\n");
	return 0;
}

static ssize_t misc_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	return simple_read_from_buffer(buf, len, ppos, msg, msg_len);
}

static ssize_t misc_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	if (len >= sizeof(msg))
		return -EINVAL;
	if (copy_from_user(msg, buf, len))
		return -EFAULT;
	msg_len = len;
	pr_info("misc: stored %zu bytes\n", len);
	return len;
}

static const struct file_operations misc_fops = {
	.owner = THIS_MODULE,
	.open = misc_open,
	.release = misc_release,
	.read = misc_read,
	.write = misc_write,
};

static struct miscdevice misc_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kplaymisc",
	.fops = &misc_fops,
	.mode = 0666,
};

static int __init misc_init(void)
{
	int ret = misc_register(&misc_dev);

	if (ret)
		return ret;
	pr_info("misc: registered\n");
	return 0;
}

static void __exit misc_exit(void)
{
	misc_deregister(&misc_dev);
	pr_info("misc: deregistered\n");
}

module_init(misc_init);
module_exit(misc_exit);
MODULE_LICENSE("GPL");
