/*
 * nolevel.c - printk without a log level, KERN_CONT continuation and pr_warn/pr_notice.
 */
#include <linux/init.h>
#include <linux/module.h>


static int __init nolevel_init(void)
{
	printk("no level given\n");
	printk(KERN_INFO "explicit info\n");
	pr_info("part one, ");
	pr_cont("part two\n");
	printk("no newline at end");
	printk("next record\n");
	pr_warn("a warning %d\n", 1);
	pr_notice("a notice\n");
	printk(KERN_ERR "an error\n");
	pr_devel("devel is compiled out\n");
	return 0;
}

static void __exit nolevel_exit(void)
{
}

module_init(nolevel_init);
module_exit(nolevel_exit);
MODULE_LICENSE("GPL");
