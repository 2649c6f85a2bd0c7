/*
 * atomicsleep.c - msleep() while holding a spinlock.
 *
 * spin_lock() disables preemption: the code inside must not sleep, because
 * a task that sleeps with preemption off cannot be switched away from
 * safely.  msleep() sleeps, so schedule() finds a preempt count above zero
 * and prints "BUG: scheduling while atomic".  The kernel carries on (and
 * taints itself W), but the lock was held across a sleep: any other CPU
 * spinning on it would have spun the whole time.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(stats_lock);
static int samples;

static int __init atomicsleep_init(void)
{
	spin_lock(&stats_lock);
	samples++;
	msleep(10);		/* the bug: sleeping under a spinlock */
	spin_unlock(&stats_lock);
	pr_info("atomicsleep: %d sample\n", samples);
	return 0;
}

static void __exit atomicsleep_exit(void)
{
}

module_init(atomicsleep_init);
module_exit(atomicsleep_exit);
MODULE_LICENSE("GPL");
