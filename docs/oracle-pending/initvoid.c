/*
 * initvoid.c - an init function declared void (wrong signature for module_init).
 */
#include <linux/init.h>
#include <linux/module.h>


static void __init initvoid_init(void)
{
	pr_info("initvoid\n");
}

static void __exit initvoid_exit(void)
{
}

module_init(initvoid_init);
module_exit(initvoid_exit);
MODULE_LICENSE("GPL");
