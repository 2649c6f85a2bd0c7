// copy_to_user() with a size past INT_MAX (a negative length turned unsigned), twice
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

static long len = -1;
module_param(len, long, 0444);

static char *kbuf;

static noinline unsigned long send(const char *from, long n)
{
	return copy_to_user((void __user *)0x1000, from, n);
}

static int __init bigcopy_init(void)
{
	unsigned long left;

	kbuf = kzalloc(64, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	left = send(kbuf, len);
	pr_info("bigcopy: first copy left %lu\n", left);
	left = send(kbuf, len);
	pr_info("bigcopy: second copy left %lu\n", left);
	return 0;
}

static void __exit bigcopy_exit(void)
{
	kfree(kbuf);
}

module_init(bigcopy_init);
module_exit(bigcopy_exit);
MODULE_LICENSE("GPL");
