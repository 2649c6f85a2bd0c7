/*
 * timer_tick.c - a timer_list that re-arms itself every 100 ms, five times,
 * and reports the context its callback runs in.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list tick_timer;
static int ticks;

static void tick(struct timer_list *t)
{
	ticks++;
	pr_info("tick %d: in_softirq=%d in_interrupt=%d in_task=%d\n", ticks,
		in_softirq() ? 1 : 0, in_interrupt() ? 1 : 0, in_task() ? 1 : 0);
	if (ticks < 5)
		mod_timer(&tick_timer, jiffies + msecs_to_jiffies(100));
}

static int __init timer_tick_init(void)
{
	timer_setup(&tick_timer, tick, 0);
	pr_info("mod_timer on an idle timer: %d\n", mod_timer(&tick_timer, jiffies + HZ));
	pr_info("mod_timer on a pending timer: %d\n", mod_timer(&tick_timer, jiffies + msecs_to_jiffies(100)));
	pr_info("timer_pending=%d\n", timer_pending(&tick_timer));
	return 0;
}

static void __exit timer_tick_exit(void)
{
	int was = del_timer_sync(&tick_timer);

	pr_info("ticks=%d del_timer_sync=%d\n", ticks, was);
}

module_init(timer_tick_init);
module_exit(timer_tick_exit);
MODULE_LICENSE("GPL");
