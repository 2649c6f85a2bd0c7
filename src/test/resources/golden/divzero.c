/*
 * divzero.c - integer division by zero in init (divisor from a parameter).
 */
#include <linux/init.h>
#include <linux/module.h>

static int divisor;
module_param(divisor, int, 0444);

static int __init divzero_init(void)
{
	int q = 100 / divisor;

	pr_info("q=%d\n", q);
	return 0;
}

static void __exit divzero_exit(void)
{
}

module_init(divzero_init);
module_exit(divzero_exit);
MODULE_LICENSE("GPL");
