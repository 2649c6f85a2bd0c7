// strncpy() and strcat() into a 16-byte local buffer: FORTIFY checks both against the buffer's size
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static char line[128];

static size_t take(const char __user *ubuf, size_t count)
{
	size_t n = min(count, sizeof(line) - 1);

	if (copy_from_user(line, ubuf, n))
		return 0;
	line[n] = '\0';
	return n;
}

static ssize_t ncpy_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char name[16];
	size_t n = take(ubuf, count);

	strncpy(name, line, n + 1);	/* bounded by the input, not by name */
	name[sizeof(name) - 1] = '\0';
	pr_info("fortify3: strncpy %s\n", name);
	return count;
}

static ssize_t cat_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char name[16] = "hi ";

	take(ubuf, count);
	strcat(name, line);
	pr_info("fortify3: strcat %s", name);
	return count;
}

static const struct proc_ops ncpy_ops = { .proc_write = ncpy_write };
static const struct proc_ops cat_ops = { .proc_write = cat_write };

static int __init fortify3_init(void)
{
	proc_create("fortify3-ncpy", 0222, NULL, &ncpy_ops);
	proc_create("fortify3-cat", 0222, NULL, &cat_ops);
	return 0;
}

static void __exit fortify3_exit(void)
{
	remove_proc_entry("fortify3-ncpy", NULL);
	remove_proc_entry("fortify3-cat", NULL);
}

module_init(fortify3_init);
module_exit(fortify3_exit);
MODULE_LICENSE("GPL");
