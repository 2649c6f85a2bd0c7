/*
 * gpl_lib.c - exports one symbol to everyone and one to GPL modules only
 */
#include <linux/module.h>
#include <linux/kernel.h>

int lib_open_value(void)
{
	return 1;
}
EXPORT_SYMBOL(lib_open_value);

int lib_gpl_value(void)
{
	return 2;
}
EXPORT_SYMBOL_GPL(lib_gpl_value);

static int __init gpl_lib_init(void)
{
	return 0;
}

static void __exit gpl_lib_exit(void)
{
}

module_init(gpl_lib_init);
module_exit(gpl_lib_exit);
MODULE_LICENSE("GPL");
