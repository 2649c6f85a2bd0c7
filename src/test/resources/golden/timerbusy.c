/*
 * timerbusy.c - init arms a 10 ms timer_list, then keeps the CPU for 50 ms
 * without sleeping: mode 0 with mdelay(50), mode 1 spinning on jiffies,
 * mode 2 spinning on jiffies with cond_resched() in the loop.
 *
 * The timer interrupt still comes while init runs: on the way out of the
 * tick, the timer softirq runs the callback in the middle of the loop, so
 * init sees fired=1 before it returns.  The wheel never runs a timer early:
 * the callback finds jiffies already past the expiry it was armed for.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timer.h>

static int mode;
module_param(mode, int, 0444);

static struct timer_list busy_timer;
static unsigned long expiry;
static int fired;

static void busy_timer_fn(struct timer_list *t)
{
	fired++;
	pr_info("timerbusy: callback, in_softirq=%d, jiffies past expiry=%d\n",
		in_softirq() ? 1 : 0, time_after(jiffies, expiry) ? 1 : 0);
}

static int __init timerbusy_init(void)
{
	unsigned long end;

	timer_setup(&busy_timer, busy_timer_fn, 0);
	expiry = jiffies + msecs_to_jiffies(10);
	mod_timer(&busy_timer, expiry);
	pr_info("timerbusy: mode %d, timer armed for %lu jiffies\n", mode,
		expiry - jiffies);

	end = jiffies + msecs_to_jiffies(50);
	switch (mode) {
	case 0:
		mdelay(50);
		break;
	case 1:
		while (time_before(jiffies, end))
			;
		break;
	default:
		while (time_before(jiffies, end))
			cond_resched();
		break;
	}
	pr_info("timerbusy: busy for 50 ms, fired=%d\n", fired);
	return 0;
}

static void __exit timerbusy_exit(void)
{
	pr_info("timerbusy: exit, del_timer_sync=%d fired=%d\n",
		del_timer_sync(&busy_timer), fired);
}

module_init(timerbusy_init);
module_exit(timerbusy_exit);
MODULE_LICENSE("GPL");
