/*
 * procrw2.c - a /proc file that keeps what is written to it and reads it
 * back with the file's name from f_path.dentry, as LKMPG's procfs2 does.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

#define NAME "notepad"
static char pad[64];
static size_t pad_len;

static ssize_t pad_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	pr_info("read of /proc/%s at %lld\n", file->f_path.dentry->d_name.name, *ppos);
	return simple_read_from_buffer(buf, count, ppos, pad, pad_len);
}

static ssize_t pad_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	ssize_t n = simple_write_to_buffer(pad, sizeof(pad), ppos, buf, count);

	if (n > 0)
		pad_len = *ppos;
	pr_info("write of %zu bytes to %s -> %zd\n", count, file->f_path.dentry->d_name.name, n);
	return n;
}

static const struct proc_ops pad_ops = {
	.proc_read = pad_read,
	.proc_write = pad_write,
};

static int __init procrw2_init(void)
{
	return proc_create(NAME, 0666, NULL, &pad_ops) ? 0 : -ENOMEM;
}

static void __exit procrw2_exit(void)
{
	remove_proc_entry(NAME, NULL);
}

module_init(procrw2_init);
module_exit(procrw2_exit);
MODULE_LICENSE("GPL");
