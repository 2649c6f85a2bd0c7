#include <linux/module.h>
#include <linux/init.h>

static int __init fmtflags_init(void)
{
	long v = 42;

	pr_info("a %#x\n", v);
	pr_info("b %08x\n", v);
	pr_info("c %-5d|\n", v);
	pr_info("d %+d % d\n", v, v);
	pr_info("e %#08o\n", v);
	pr_info("f %.3d %*d\n", v, 4, v);
	pr_info("g %5.2s\n", v);
	return 0;
}

static void __exit fmtflags_exit(void)
{
}

module_init(fmtflags_init);
module_exit(fmtflags_exit);
MODULE_LICENSE("GPL");
