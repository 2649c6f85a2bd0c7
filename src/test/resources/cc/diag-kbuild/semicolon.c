/*
 * semicolon.c - a missing semicolon after a statement.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init semicolon_init(void)
{
	int x = 5
	pr_info("x=%d\n", x);
	return 0;
}

static void __exit semicolon_exit(void)
{
}

module_init(semicolon_init);
module_exit(semicolon_exit);
MODULE_LICENSE("GPL");
