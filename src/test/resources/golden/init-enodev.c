/*
 * init-enodev.c - init fails with -ENODEV.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init fail_init(void)
{
	pr_err("init-enodev: refusing to load\n");
	return -ENODEV;
}

static void __exit fail_exit(void)
{
}

module_init(fail_init);
module_exit(fail_exit);
MODULE_LICENSE("GPL");
