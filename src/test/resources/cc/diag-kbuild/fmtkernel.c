/*
 * fmtkernel.c - the same warning when linux/kernel.h is included first.
 */
#include <linux/kernel.h>
#include <linux/module.h>

static int __init fmtkernel_init(void)
{
	unsigned long size = 4096;

	pr_info("size=%d\n", size);
	return 0;
}

static void __exit fmtkernel_exit(void)
{
}

module_init(fmtkernel_init);
module_exit(fmtkernel_exit);
MODULE_LICENSE("GPL");
