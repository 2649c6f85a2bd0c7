/*
 * undeclared.c - an undeclared identifier (typo in a variable name).
 */
#include <linux/init.h>
#include <linux/module.h>

static int counter;

static int __init undeclared_init(void)
{
	countr = 1;
	pr_info("counter=%d\n", counter);
	return 0;
}

static void __exit undeclared_exit(void)
{
}

module_init(undeclared_init);
module_exit(undeclared_exit);
MODULE_LICENSE("GPL");
