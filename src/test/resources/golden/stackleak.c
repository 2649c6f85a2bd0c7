// A read handler that copies count bytes from a 16-byte buffer on its stack
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static ssize_t stackleak_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "hello\n");

	if (*ppos > 0)
		return 0;
	if (copy_to_user(ubuf, buf, count))	/* count, not len */
		return -EFAULT;
	*ppos = len;
	return len;
}

static const struct proc_ops stackleak_ops = {
	.proc_read = stackleak_read,
};

static int __init stackleak_init(void)
{
	if (!proc_create("stackleak", 0444, NULL, &stackleak_ops))
		return -ENOMEM;
	return 0;
}

static void __exit stackleak_exit(void)
{
	remove_proc_entry("stackleak", NULL);
}

module_init(stackleak_init);
module_exit(stackleak_exit);
MODULE_LICENSE("GPL");
