/*
 * fmtlevels.c - wrong printk formats through each way of logging a line.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init fmtlevels_init(void)
{
	long big = 1L << 40;
	int n = 3;

	pr_err("err n=%s\n", n);
	pr_warn("warn %d %d\n", n);
	printk(KERN_INFO "printk big=%d\n", big);
	printk("plain big=%d\n", big);
	pr_notice("notice big=%u\n", big);
	pr_info("extra %d\n", n, n);
	return 0;
}

static void __exit fmtlevels_exit(void)
{
	pr_info("fmtlevels exit\n");
}

module_init(fmtlevels_init);
module_exit(fmtlevels_exit);
MODULE_LICENSE("GPL");
