#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>

static int sig_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	return 0;
}

static const struct file_operations sig_fops = {
	.owner = THIS_MODULE,
	.read = sig_read,
};

static int __init sig_init(void)
{
	int ret = register_chrdev(0, "sig", &sig_fops);

	pr_info("sig %d\n", ret);
	return 0;
}
module_init(sig_init);
MODULE_LICENSE("GPL");
