/*
 * incompat.c - incompatible pointer types, int-to-pointer and discarded const.
 */
#include <linux/init.h>
#include <linux/module.h>

static int value = 7;

static int __init incompat_init(void)
{
	long *lp = &value;
	char *cp = "const literal is fine in C";
	const int *cip = &value;
	int *ip = cip;
	int *bad = value;

	pr_info("%ld %c %d %p\n", *lp & 0xff, cp[0], *ip, bad == NULL ? NULL : (void *)1);
	return 0;
}

static void __exit incompat_exit(void)
{
}

module_init(incompat_init);
module_exit(incompat_exit);
MODULE_LICENSE("GPL");
