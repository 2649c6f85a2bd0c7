/*
 * resched.c - a 30-second busy wait in init that calls cond_resched() on
 * every pass: the soft-lockup watchdog's stopper work runs at each call
 * that finds need_resched set, so no soft lockup is reported.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/sched.h>

static int __init resched_init(void)
{
	unsigned long end = jiffies + 30 * HZ;
	unsigned long passes = 0;

	pr_info("resched: busy for 30 s, with cond_resched()\n");
	while (time_before(jiffies, end)) {
		passes++;
		cond_resched();
	}
	pr_info("resched: done\n");
	return 0;
}

static void __exit resched_exit(void)
{
	pr_info("resched: exit\n");
}

module_init(resched_init);
module_exit(resched_exit);
MODULE_LICENSE("GPL");
