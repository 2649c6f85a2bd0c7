// A constant strncpy() size bigger than the destination does not build
#include <linux/module.h>
#include <linux/string.h>

static char name[8];

static int __init ncpyerr_init(void)
{
	strncpy(name, "kernel", 16);
	return 0;
}

module_init(ncpyerr_init);
MODULE_LICENSE("GPL");
