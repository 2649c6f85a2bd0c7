/* A misc device with an ioctl interface: _IOR reads a value, _IOW sets it, _IO resets it. */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/ioctl.h>

#define KP_GET _IOR('k', 1, int)
#define KP_SET _IOW('k', 2, int)
#define KP_RESET _IO('k', 3)

static int value = 42;

static long kp_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case KP_GET:
		return put_user(value, (int __user *)arg);
	case KP_SET:
		if (get_user(value, (int __user *)arg))
			return -EFAULT;
		pr_info("kpioctl: value set to %d\n", value);
		return 0;
	case KP_RESET:
		value = 0;
		pr_info("kpioctl: reset\n");
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations kp_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = kp_ioctl,
};

static struct miscdevice kp_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kpioctl",
	.fops = &kp_fops,
};

static int __init kp_init(void)
{
	return misc_register(&kp_dev);
}

static void __exit kp_exit(void)
{
	misc_deregister(&kp_dev);
}

module_init(kp_init);
module_exit(kp_exit);
MODULE_LICENSE("GPL");
