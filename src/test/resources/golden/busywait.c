/*
 * busywait.c - an init function that busy-waits on jiffies for 35 seconds
 * instead of sleeping: the CPU is held the whole time, then init returns.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>

static int seconds = 35;
module_param(seconds, int, 0444);

static int __init busywait_init(void)
{
	unsigned long end = jiffies + seconds * HZ;
	unsigned long spins = 0;

	pr_info("busywait: waiting %d seconds\n", seconds);
	while (time_before(jiffies, end))
		spins++;
	pr_info("busywait: done\n");
	return 0;
}

static void __exit busywait_exit(void)
{
	pr_info("busywait: exit\n");
}

module_init(busywait_init);
module_exit(busywait_exit);
MODULE_LICENSE("GPL");
