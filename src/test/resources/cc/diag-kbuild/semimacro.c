/*
 * semimacro.c - a missing semicolon after printk(...), a macro: gcc puts the
 * error at the next statement, with no fix-it, as the macro expansion takes none.
 */
#include <linux/module.h>
#include <linux/kernel.h>

static int __init semimacro_init(void)
{
	printk(KERN_INFO "hello\n")
	return 0;
}

static void __exit semimacro_exit(void)
{
	printk(KERN_INFO "bye\n");
}

module_init(semimacro_init);
module_exit(semimacro_exit);
MODULE_LICENSE("GPL");
