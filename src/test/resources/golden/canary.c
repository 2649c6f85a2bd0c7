// A write handler that formats into a 16-byte buffer on its stack with sprintf: a long line overruns it
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static char line[128];

static ssize_t canary_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char name[16];
	size_t n = min(count, sizeof(line) - 1);

	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	line[n] = '\0';
	sprintf(name, "user:%s", line);		/* no bound: a line of more than 10 characters overruns name */
	pr_info("canary: hello %s", name);
	return count;
}

static const struct proc_ops canary_ops = {
	.proc_write = canary_write,
};

static int __init canary_init(void)
{
	return proc_create("canary", 0222, NULL, &canary_ops) ? 0 : -ENOMEM;
}

static void __exit canary_exit(void)
{
	remove_proc_entry("canary", NULL);
}

module_init(canary_init);
module_exit(canary_exit);
MODULE_LICENSE("GPL");
