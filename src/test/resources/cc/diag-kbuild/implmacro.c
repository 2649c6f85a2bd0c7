/*
 * implmacro.c - calls of undeclared functions inside pr_info's arguments: gcc
 * reports them at their spelling, with the expansions they came through.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init implmacro_init(void)
{
	pr_info("sum %d\n", add_numbers(1, 2));
	pr_info("len %d\n", mystrlen("abc"));
	return 0;
}

module_init(implmacro_init);
MODULE_LICENSE("GPL");
