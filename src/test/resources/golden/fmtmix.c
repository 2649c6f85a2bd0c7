/*
 * fmtmix.c - -Wformat through pr_info next to a warning in the module's own lines,
 * a format from a macro of the module, and pr_cont.
 */
#include <linux/init.h>
#include <linux/module.h>

#define MYFMT "mine=%d\n"

static int __init fmtmix_init(void)
{
	long big = 1L << 33;
	int unused;

	pr_info("first=%d\n", big);
	pr_info(MYFMT, big);
	pr_info("second=%d\n", big);
	pr_cont("cont=%d\n", big);
	return 0;
}

static void __exit fmtmix_exit(void)
{
	long v = 7;

	pr_info("exit=%d\n", v);
}

module_init(fmtmix_init);
module_exit(fmtmix_exit);
MODULE_LICENSE("GPL");
