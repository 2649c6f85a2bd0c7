/*
 * ddtrace.c - a misc device for watching dd: each read hands out at most 3
 * bytes of "abcdefghijklmnopqrstuvwxyz" from the file position (so a larger
 * block comes back short, a partial record) and logs the length dd asked for;
 * each write logs its length; reading at offset 20 or beyond fails with
 * -EFAULT, so dd reports the error and its statistics.
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz";

static ssize_t dt_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	size_t n = min_t(size_t, count, 3);

	pr_info("ddtrace: read of %zu at %lld\n", count, *pos);
	if (*pos >= 20)
		return -EFAULT;
	if (copy_to_user(buf, alphabet + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static ssize_t dt_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	pr_info("ddtrace: write of %zu at %lld\n", count, *pos);
	*pos += count;
	return count;
}

static const struct file_operations dt_fops = {
	.owner = THIS_MODULE,
	.read = dt_read,
	.write = dt_write,
	.llseek = default_llseek,
};

static struct miscdevice dt_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ddtrace",
	.fops = &dt_fops,
};

static int __init dt_init(void)
{
	return misc_register(&dt_dev);
}

static void __exit dt_exit(void)
{
	misc_deregister(&dt_dev);
}

module_init(dt_init);
module_exit(dt_exit);
MODULE_LICENSE("GPL");
