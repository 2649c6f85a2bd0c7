/*
 * kplay_user1.c - uses the core library's symbols
 */
#include <linux/module.h>
#include <linux/kernel.h>

extern int core_hits;
int core_square(int x);
const char *core_version(void);

static int __init user1_init(void)
{
	pr_info("kplay_user1: 7^2=%d with %s, hits %d\n", core_square(7), core_version(), core_hits);
	return 0;
}

static void __exit user1_exit(void)
{
	pr_info("kplay_user1: bye\n");
}

module_init(user1_init);
module_exit(user1_exit);
MODULE_LICENSE("GPL");
