/*
 * init-eperm.c - init fails with -EPERM.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init fail_init(void)
{
	pr_err("init-eperm: refusing to load\n");
	return -EPERM;
}

static void __exit fail_exit(void)
{
}

module_init(fail_init);
module_exit(fail_exit);
MODULE_LICENSE("GPL");
