/*
 * bugon.c - BUG_ON with a true condition in init.
 */
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init bugon_init(void)
{
	int *p = NULL;

	pr_info("about to BUG_ON\n");
	BUG_ON(p == NULL);
	return 0;
}

static void __exit bugon_exit(void)
{
}

module_init(bugon_init);
module_exit(bugon_exit);
MODULE_LICENSE("GPL");
