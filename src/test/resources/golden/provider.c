/*
 * provider.c - exports a function and a variable for another module.
 */
#include <linux/init.h>
#include <linux/module.h>

int provider_calls;
EXPORT_SYMBOL(provider_calls);

int provider_add(int a, int b)
{
	provider_calls++;
	return a + b;
}
EXPORT_SYMBOL_GPL(provider_add);

static int __init provider_init(void)
{
	pr_info("provider ready\n");
	return 0;
}

static void __exit provider_exit(void)
{
	pr_info("provider gone after %d calls\n", provider_calls);
}

module_init(provider_init);
module_exit(provider_exit);
MODULE_LICENSE("GPL");
