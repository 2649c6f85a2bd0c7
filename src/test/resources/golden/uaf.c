/*
 * uaf.c - use after kfree: reads and writes a freed buffer (no KASAN on Debian).
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>

static int __init uaf_init(void)
{
	int *buf = kmalloc(64, GFP_KERNEL);

	buf[0] = 1234;
	kfree(buf);
	buf[1] = 5;
	pr_info("after free: wrote without complaint\n");
	return 0;
}

static void __exit uaf_exit(void)
{
	pr_info("uaf exit\n");
}

module_init(uaf_init);
module_exit(uaf_exit);
MODULE_LICENSE("GPL");
