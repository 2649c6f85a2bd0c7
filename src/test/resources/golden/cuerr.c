// A constant copy_to_user() size bigger than the kernel buffer does not build
#include <linux/module.h>
#include <linux/uaccess.h>

static char msg[16];

static ssize_t cuerr_read(char __user *buf)
{
	return copy_to_user(buf, msg, 32) ? -EFAULT : 32;
}

static int __init cuerr_init(void)
{
	return cuerr_read(NULL) < 0 ? 0 : 0;
}

module_init(cuerr_init);
MODULE_LICENSE("GPL");
