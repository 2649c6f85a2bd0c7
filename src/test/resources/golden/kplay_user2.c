/*
 * kplay_user2.c - a second user of the core library
 */
#include <linux/module.h>
#include <linux/kernel.h>

int core_square(int x);

static int __init user2_init(void)
{
	pr_info("kplay_user2: 12^2=%d\n", core_square(12));
	return 0;
}

static void __exit user2_exit(void)
{
	pr_info("kplay_user2: 3^2=%d on the way out\n", core_square(3));
}

module_init(user2_init);
module_exit(user2_exit);
MODULE_LICENSE("Dual MIT/GPL");
