#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>

static ssize_t fld_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	return 0;
}

static const struct file_operations fld_fops = {
	.owner = THIS_MODULE,
	.raed = fld_read,
};

static int __init fld_init(void)
{
	struct file_operations *p = &fld_fops;

	return p->opne != NULL;
}
module_init(fld_init);
MODULE_LICENSE("GPL");
