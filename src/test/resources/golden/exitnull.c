/*
 * exitnull.c - NULL pointer read in the exit function.
 */
#include <linux/init.h>
#include <linux/module.h>

struct conf {
	int a;
	int b;
};

static struct conf *cfg;

static int __init exitnull_init(void)
{
	pr_info("exitnull loaded\n");
	return 0;
}

static void __exit exitnull_exit(void)
{
	pr_info("b is %d\n", cfg->b);
}

module_init(exitnull_init);
module_exit(exitnull_exit);
MODULE_LICENSE("GPL");
