/*
 * inmacro.c - misspelled and undeclared names inside pr_info's arguments:
 * gcc reports them at their spelling with the macro expansions they came
 * through, and offers "did you mean" without a fix-it.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init inmacro_init(void)
{
	int count = 3;

	pr_info("count %d\n", cuont);
	pr_info("total %d\n", total);
	return 0;
}

module_init(inmacro_init);
MODULE_LICENSE("GPL");
