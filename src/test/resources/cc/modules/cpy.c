#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

static char msg[] = "hi\n";

ssize_t cpy_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	copy_to_user(buf, msg, 3);
	if (len > 3)
		return 3;
}
EXPORT_SYMBOL(cpy_read);
MODULE_LICENSE("GPL");
