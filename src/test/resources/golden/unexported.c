/*
 * unexported.c - calls a kernel function that exists but is not exported to modules.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/sched.h>

extern unsigned long nr_running(void);

static int __init unexported_init(void)
{
	pr_info("running: %lu\n", nr_running());
	return 0;
}

static void __exit unexported_exit(void)
{
}

module_init(unexported_init);
module_exit(unexported_exit);
MODULE_LICENSE("GPL");
