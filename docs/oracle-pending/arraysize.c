/*
 * arraysize.c - ARRAY_SIZE on a pointer instead of an array (a classic mistake).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int table[] = { 1, 2, 3 };

static int __init arraysize_init(void)
{
	int *p = table;

	pr_info("%zu %zu\n", ARRAY_SIZE(table), ARRAY_SIZE(p));
	return 0;
}

static void __exit arraysize_exit(void)
{
}

module_init(arraysize_init);
module_exit(arraysize_exit);
MODULE_LICENSE("GPL");
