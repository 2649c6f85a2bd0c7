/*
 * voidinit.c - an init function declared void: module_init's __inittest returns
 * it as an initcall_t, and init_module, its alias, has another type.
 */
#include <linux/module.h>

static void voidinit_init(void)
{
	pr_info("hello\n");
}

module_init(voidinit_init);
MODULE_LICENSE("GPL");
