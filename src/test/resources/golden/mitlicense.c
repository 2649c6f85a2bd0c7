/*
 * mitlicense.c - a non-GPL-compatible license string taints the kernel.
 */
#include <linux/init.h>
#include <linux/module.h>


static int __init mit_init(void)
{
	pr_info("mit loaded\n");
	return 0;
}

static void __exit mit_exit(void)
{
	pr_info("mit unloaded\n");
}

module_init(mit_init);
module_exit(mit_exit);
MODULE_LICENSE("MIT");
