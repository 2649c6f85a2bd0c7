/*
 * unused.c - an unused static function, an unused variable and a set-but-unused variable.
 */
#include <linux/init.h>
#include <linux/module.h>

static int helper(int x)
{
	return x * 2;
}

static int __init unused_init(void)
{
	int unused_var;
	int set_only;

	set_only = 4;
	pr_info("unused loaded\n");
	return 0;
}

static void __exit unused_exit(void)
{
}

module_init(unused_init);
module_exit(unused_exit);
MODULE_LICENSE("GPL");
