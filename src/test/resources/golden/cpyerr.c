// strcpy() of a literal longer than the destination does not build
#include <linux/module.h>
#include <linux/string.h>

static char name[8];

static int __init cpyerr_init(void)
{
	strcpy(name, "kernel-module");
	pr_info("cpyerr: %s\n", name);
	return 0;
}

module_init(cpyerr_init);
MODULE_LICENSE("GPL");
