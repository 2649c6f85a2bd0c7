/* usercopy.c: a read handler that copies more than its buffer holds */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

static char *kbuf;
static struct proc_dir_entry *entry;

static ssize_t uc_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	if (*pos)
		return 0;
	if (copy_to_user(buf, kbuf, count))	/* count, not the 64 bytes kbuf holds */
		return -EFAULT;
	*pos += count;
	return count;
}

static const struct proc_ops uc_ops = {
	.proc_read = uc_read,
};

static int __init usercopy_init(void)
{
	kbuf = kzalloc(64, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	strcpy(kbuf, "hello\n");
	entry = proc_create("usercopy", 0444, NULL, &uc_ops);
	return 0;
}

static void __exit usercopy_exit(void)
{
	proc_remove(entry);
	kfree(kbuf);
}

module_init(usercopy_init);
module_exit(usercopy_exit);
MODULE_LICENSE("GPL");
