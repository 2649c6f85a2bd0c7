/*
 * timer.c - timer_setup, mod_timer, del_timer_sync; the callback re-arms itself 3 times.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list my_timer;
static int fired;

static void my_timer_callback(struct timer_list *t)
{
	fired++;
	pr_info("timer fired %d (in_interrupt=%d)\n", fired, in_interrupt() ? 1 : 0);
	if (fired < 3)
		mod_timer(&my_timer, jiffies + msecs_to_jiffies(100));
}

static int __init timer_init(void)
{
	timer_setup(&my_timer, my_timer_callback, 0);
	mod_timer(&my_timer, jiffies + msecs_to_jiffies(200));
	pr_info("timer armed\n");
	return 0;
}

static void __exit timer_exit(void)
{
	int ret = del_timer_sync(&my_timer);

	pr_info("timer removed, pending=%d fired=%d\n", ret, fired);
}

module_init(timer_init);
module_exit(timer_exit);
MODULE_LICENSE("GPL");
