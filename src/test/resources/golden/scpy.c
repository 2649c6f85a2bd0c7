// strscpy() and strlcpy() of a written line into a 12-byte name, with a count the caller got wrong
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static char line[64];
static char name[12];

static ssize_t scpy_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	size_t n = min(count, sizeof(line) - 1);
	ssize_t r;

	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	line[n] = '\0';
	if (line[0] == 's') {
		r = strscpy(name, line, sizeof(name));
		pr_info("scpy: strscpy %zd '%s'\n", r, name);
		r = strscpy(name, line, n);	/* n, not sizeof(name) */
		pr_info("scpy: strscpy %zd '%s'\n", r, name);
	} else {
		r = strlcpy(name, line, sizeof(name));
		pr_info("scpy: strlcpy %zd '%s'\n", r, name);
		r = strlcpy(name, line, n);	/* n, not sizeof(name) */
		pr_info("scpy: strlcpy %zd '%s'\n", r, name);
	}
	return count;
}

static const struct proc_ops scpy_ops = {
	.proc_write = scpy_write,
};

static int __init scpy_init(void)
{
	return proc_create("scpy", 0222, NULL, &scpy_ops) ? 0 : -ENOMEM;
}

static void __exit scpy_exit(void)
{
	remove_proc_entry("scpy", NULL);
}

module_init(scpy_init);
module_exit(scpy_exit);
MODULE_LICENSE("GPL");
