/*
 * softlockup.c - init busy-waits for 25 seconds.
 *
 * mdelay() spins: it never sleeps, so nothing else gets the CPU.  After
 * about 20 seconds without a context switch the soft-lockup watchdog
 * prints "BUG: soft lockup - CPU#0 stuck for 22s!" with the registers and
 * the call trace of the spinning task, and taints the kernel (L).  It is
 * a report, not a kill: the loop goes on, init finishes, the module loads.
 * Sleep with msleep() instead, or call cond_resched() in long loops.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init softlockup_init(void)
{
	int i;

	pr_info("softlockup: spinning for 25 s\n");
	for (i = 0; i < 25; i++)
		mdelay(1000);
	pr_info("softlockup: done\n");
	return 0;
}

static void __exit softlockup_exit(void)
{
}

module_init(softlockup_init);
module_exit(softlockup_exit);
MODULE_LICENSE("GPL");
