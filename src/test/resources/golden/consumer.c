/*
 * consumer.c - uses the symbols exported by provider.ko.
 */
#include <linux/init.h>
#include <linux/module.h>

extern int provider_calls;
int provider_add(int a, int b);

static int __init consumer_init(void)
{
	pr_info("consumer: 2+3=%d calls=%d\n", provider_add(2, 3), provider_calls);
	return 0;
}

static void __exit consumer_exit(void)
{
	pr_info("consumer gone\n");
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
