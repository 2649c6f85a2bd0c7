#include <linux/module.h>
#include <linux/kernel.h>

static int __init hello_user_init(void)
{
	pr_info("hello_user: loaded\n");
	return 0;
}

static void __exit hello_user_exit(void)
{
	pr_info("hello_user: unloaded\n");
}

module_init(hello_user_init);
module_exit(hello_user_exit);
MODULE_LICENSE("GPL");
