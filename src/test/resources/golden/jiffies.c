/*
 * jiffies.c - HZ, msecs_to_jiffies, jiffies_to_msecs, msleep in init.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>

static int __init jiffies_init(void)
{
	unsigned long start = jiffies;
	unsigned long elapsed;

	pr_info("HZ=%d msecs_to_jiffies(1000)=%lu jiffies_to_msecs(250)=%u\n",
		HZ, msecs_to_jiffies(1000), jiffies_to_msecs(250));
	msleep(100);
	elapsed = jiffies - start;
	pr_info("slept: %s\n", elapsed >= msecs_to_jiffies(100) ? "at least 100ms" : "too short");
	pr_info("time_after: %d\n", time_after(jiffies, start));
	return 0;
}

static void __exit jiffies_exit(void)
{
	pr_info("jiffies exit\n");
}

module_init(jiffies_init);
module_exit(jiffies_exit);
MODULE_LICENSE("GPL");
