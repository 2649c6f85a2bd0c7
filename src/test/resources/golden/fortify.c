// A write handler that copies a line into a 16-byte buffer on its stack with strcpy
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static char line[128];

static ssize_t fortify_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char name[16];
	size_t n = min(count, sizeof(line) - 1);

	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	line[n] = '\0';
	strcpy(name, line);		/* no bound: a line of 16 characters or more overruns name */
	pr_info("fortify: hello %s", name);
	return count;
}

static const struct proc_ops fortify_ops = {
	.proc_write = fortify_write,
};

static int __init fortify_init(void)
{
	return proc_create("fortify", 0222, NULL, &fortify_ops) ? 0 : -ENOMEM;
}

static void __exit fortify_exit(void)
{
	remove_proc_entry("fortify", NULL);
}

module_init(fortify_init);
module_exit(fortify_exit);
MODULE_LICENSE("GPL");
