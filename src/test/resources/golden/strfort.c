// strlen() and strcat() on fixed-size buffers under FORTIFY_SOURCE
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static char name[8];
static char greeting[16] = "hi ";

static ssize_t strfort_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	size_t n = min(count, sizeof(name));

	if (copy_from_user(name, ubuf, n))	/* no terminating NUL when count >= 8 */
		return -EFAULT;
	if (n < sizeof(name))
		name[n - 1] = '\0';
	pr_info("strfort: strlen %zu\n", strlen(name));
	strcat(greeting, name);
	pr_info("strfort: %s\n", greeting);
	return count;
}

static ssize_t strfort_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, greeting, strnlen(greeting, sizeof(greeting)));
}

static const struct proc_ops strfort_ops = {
	.proc_read = strfort_read,
	.proc_write = strfort_write,
};

static int __init strfort_init(void)
{
	return proc_create("strfort", 0666, NULL, &strfort_ops) ? 0 : -ENOMEM;
}

static void __exit strfort_exit(void)
{
	remove_proc_entry("strfort", NULL);
}

module_init(strfort_init);
module_exit(strfort_exit);
MODULE_LICENSE("GPL");
