/*
 * closed_user.c - a proprietary module may not use EXPORT_SYMBOL_GPL symbols
 */
#include <linux/module.h>
#include <linux/kernel.h>

int lib_open_value(void);
int lib_gpl_value(void);

static int __init closed_init(void)
{
	pr_info("closed_user: %d %d\n", lib_open_value(), lib_gpl_value());
	return 0;
}

static void __exit closed_exit(void)
{
}

module_init(closed_init);
module_exit(closed_exit);
MODULE_LICENSE("Proprietary");
