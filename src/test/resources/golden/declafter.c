/*
 * declafter.c - a declaration after a statement (C90 style warning in kbuild).
 */
#include <linux/init.h>
#include <linux/module.h>


static int __init declafter_init(void)
{
	pr_info("first\n");
	int x = 3;

	pr_info("x=%d\n", x);
	for (int i = 0; i < 2; i++)
		pr_info("i=%d\n", i);
	return 0;
}

static void __exit declafter_exit(void)
{
}

module_init(declafter_init);
module_exit(declafter_exit);
MODULE_LICENSE("GPL");
