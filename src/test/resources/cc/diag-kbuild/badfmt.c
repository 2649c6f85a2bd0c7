/*
 * badfmt.c - printk format/argument mismatches (warnings only; the module builds).
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init badfmt_init(void)
{
	long big = 1L << 40;
	unsigned long size = sizeof(big);
	const char *name = "kplay";
	int n = 3;

	pr_info("big=%d\n", big);
	pr_info("size=%d\n", size);
	pr_info("name=%d\n", name);

	pr_info("two=%d %d\n", n);
	return 0;
}

static void __exit badfmt_exit(void)
{
}

module_init(badfmt_init);
module_exit(badfmt_exit);
MODULE_LICENSE("GPL");
