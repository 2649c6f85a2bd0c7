#include <linux/module.h>
#include <linux/uaccess.h>
#include <linux/proc_fs.h>

static ssize_t constbig_read(struct file *f, char __user *u, size_t n, loff_t *p)
{
	char buf[8] = "hi";

	if (copy_to_user(u, buf, 16))
		return -EFAULT;
	return 16;
}

static const struct proc_ops constbig_ops = {
	.proc_read = constbig_read,
};

static int __init constbig_init(void)
{
	return proc_create("constbig", 0444, NULL, &constbig_ops) ? 0 : -ENOMEM;
}

module_init(constbig_init);
MODULE_LICENSE("GPL");
