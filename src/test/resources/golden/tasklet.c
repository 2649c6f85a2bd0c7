/*
 * tasklet.c - LKMPG example_tasklet: a tasklet scheduled from init.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/module.h>

static void tasklet_fn(unsigned long data)
{
	pr_info("Example tasklet starts\n");
	mdelay(50);
	pr_info("Example tasklet ends\n");
}

static DECLARE_TASKLET_OLD(mytask, tasklet_fn);

static int __init example_tasklet_init(void)
{
	pr_info("tasklet example init\n");
	tasklet_schedule(&mytask);
	mdelay(20);
	pr_info("Example tasklet init continues...\n");
	return 0;
}

static void __exit example_tasklet_exit(void)
{
	pr_info("tasklet example exit\n");
	tasklet_kill(&mytask);
}

module_init(example_tasklet_init);
module_exit(example_tasklet_exit);
MODULE_LICENSE("GPL");
