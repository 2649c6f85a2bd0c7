// A write handler that copies what it is given into an 8-byte buffer on its stack
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static ssize_t smash_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char buf[8];

	if (copy_from_user(buf, ubuf, count))	/* no check of count against sizeof(buf) */
		return -EFAULT;
	pr_info("smash: got %zu bytes, first '%c'\n", count, buf[0]);
	return count;
}

static const struct proc_ops smash_ops = {
	.proc_write = smash_write,
};

static int __init smash_init(void)
{
	if (!proc_create("smash", 0222, NULL, &smash_ops))
		return -ENOMEM;
	return 0;
}

static void __exit smash_exit(void)
{
	remove_proc_entry("smash", NULL);
}

module_init(smash_init);
module_exit(smash_exit);
MODULE_LICENSE("GPL");
