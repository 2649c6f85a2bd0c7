/*
 * spinwait.c - busy-waits for 30 seconds without ever sleeping: the
 * soft-lockup watchdog reports it, and the loop still completes.
 */
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/module.h>

static int __init spinwait_init(void)
{
	ktime_t end = ktime_add_ms(ktime_get(), 30000);
	unsigned long spins = 0;

	while (ktime_before(ktime_get(), end))
		spins++;
	pr_info("spinwait: done after 30 s, spun: %s\n", spins > 0 ? "yes" : "no");
	return 0;
}

static void __exit spinwait_exit(void)
{
	pr_info("spinwait exit\n");
}

module_init(spinwait_init);
module_exit(spinwait_exit);
MODULE_LICENSE("GPL");
