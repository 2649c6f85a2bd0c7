/*
 * noreturn.c - a non-void function that can fall off its end, and init without a return.
 */
#include <linux/init.h>
#include <linux/module.h>

static int pick(int x)
{
	if (x > 0)
		return 1;
}

static int __init noreturn_init(void)
{
	pr_info("pick=%d\n", pick(1));
}

static void __exit noreturn_exit(void)
{
}

module_init(noreturn_init);
module_exit(noreturn_exit);
MODULE_LICENSE("GPL");
