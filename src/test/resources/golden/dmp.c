// dump_stack() after an early return, and in a plain function with no branch
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static ssize_t dmp_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char c;

	if (get_user(c, ubuf))
		return -EFAULT;
	dump_stack();
	return count;
}

static const struct proc_ops dmp_ops = {
	.proc_write = dmp_write,
};

static int __init dmp_init(void)
{
	return proc_create("dmp", 0222, NULL, &dmp_ops) ? 0 : -ENOMEM;
}

static void __exit dmp_exit(void)
{
	remove_proc_entry("dmp", NULL);
}

module_init(dmp_init);
module_exit(dmp_exit);
MODULE_LICENSE("GPL");
