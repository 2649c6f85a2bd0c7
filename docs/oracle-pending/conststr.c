/*
 * conststr.c - writing to a string literal (in .rodata) from init.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init conststr_init(void)
{
	char *s = "hello";

	pr_info("before: %s\n", s);
	s[0] = 'J';
	pr_info("after: %s\n", s);
	return 0;
}

static void __exit conststr_exit(void)
{
}

module_init(conststr_init);
module_exit(conststr_exit);
MODULE_LICENSE("GPL");
