/*
 * initpos.c - init returns a positive value (1) instead of 0/-E.
 */
#include <linux/init.h>
#include <linux/module.h>


static int __init initpos_init(void)
{
	pr_info("initpos returning 1\n");
	return 1;
}

static void __exit initpos_exit(void)
{
	pr_info("initpos exit\n");
}

module_init(initpos_init);
module_exit(initpos_exit);
MODULE_LICENSE("GPL");
