/*
 * miscmsg.c - a misc device that remembers the last message written to it
 * and gives it back on read; writes longer than the buffer are cut.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

static char message[32] = "nothing yet\n";
static size_t message_len = 12;

static ssize_t msg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(buf, count, ppos, message, message_len);
}

static ssize_t msg_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	size_t n = min(count, sizeof(message));

	if (copy_from_user(message, buf, n))
		return -EFAULT;
	message_len = n;
	pr_info("miscmsg: %zu of %zu bytes kept\n", n, count);
	return count;
}

static const struct file_operations msg_fops = {
	.owner = THIS_MODULE,
	.read = msg_read,
	.write = msg_write,
};

static struct miscdevice msg_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "miscmsg",
	.fops = &msg_fops,
	.mode = 0666,
};

static int __init miscmsg_init(void)
{
	int err = misc_register(&msg_dev);

	if (!err)
		pr_info("miscmsg: minor %d\n", msg_dev.minor);
	return err;
}

static void __exit miscmsg_exit(void)
{
	misc_deregister(&msg_dev);
}

module_init(miscmsg_init);
module_exit(miscmsg_exit);
MODULE_LICENSE("GPL");
