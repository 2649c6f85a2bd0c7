// memcmp(), memchr() and kmemdup() reading past a 16-byte key, with the length the writer gave
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

static char key[16] = "open-sesame";
static char line[64];

static ssize_t memread_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	size_t n = min(count, sizeof(line));
	char *copy;

	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	n--;	/* without the newline */
	switch (line[0]) {
	case 'c':
		pr_info("memread: memcmp %d\n", memcmp(key, line + 2, n - 2) == 0);
		break;
	case 'h':
		pr_info("memread: memchr %s\n", memchr(key, line[2], n) ? "found" : "none");
		break;
	case 'd':
		copy = kmemdup(key, n, GFP_KERNEL);
		pr_info("memread: kmemdup %s\n", copy ? "ok" : "failed");
		kfree(copy);
		break;
	}
	return count;
}

static const struct proc_ops memread_ops = {
	.proc_write = memread_write,
};

static int __init memread_init(void)
{
	return proc_create("memread", 0222, NULL, &memread_ops) ? 0 : -ENOMEM;
}

static void __exit memread_exit(void)
{
	remove_proc_entry("memread", NULL);
}

module_init(memread_init);
module_exit(memread_exit);
MODULE_LICENSE("GPL");
