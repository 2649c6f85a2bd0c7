/*
 * stackbig.c - a large local array: -Wframe-larger-than.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/string.h>

static int __init stackbig_init(void)
{
	char buf[4096];

	memset(buf, 'a', sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	pr_info("len=%zu\n", strlen(buf));
	return 0;
}

static void __exit stackbig_exit(void)
{
}

module_init(stackbig_init);
module_exit(stackbig_exit);
MODULE_LICENSE("GPL");
