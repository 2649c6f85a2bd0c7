/*
 * noexit.c - a module with module_init but no module_exit cannot be unloaded.
 */
#include <linux/init.h>
#include <linux/module.h>


static int __init noexit_init(void)
{
	pr_info("noexit loaded\n");
	return 0;
}

module_init(noexit_init);
MODULE_LICENSE("GPL");
