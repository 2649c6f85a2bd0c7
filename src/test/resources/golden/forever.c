/*
 * forever.c - an init function that never returns: a counter loop with no
 * sleep and no exit condition.  The CPU never schedules again, and the
 * soft-lockup watchdog reports it every 28 s.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init forever_init(void)
{
	volatile unsigned long count = 0;

	pr_info("forever: counting\n");
	while (1)
		count++;
	return 0;
}

static void __exit forever_exit(void)
{
	pr_info("forever: exit\n");
}

module_init(forever_init);
module_exit(forever_exit);
MODULE_LICENSE("GPL");
