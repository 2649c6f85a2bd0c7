/*
 * timer_del.c - a timer set far in the future and deleted before it fires:
 * del_timer() says it was pending, a second del_timer() says it was not.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list late_timer;

static void late(struct timer_list *t)
{
	pr_info("late timer fired (it should not)\n");
}

static int __init timer_del_init(void)
{
	timer_setup(&late_timer, late, 0);
	late_timer.expires = jiffies + 60 * HZ;
	add_timer(&late_timer);
	pr_info("armed for 60 s, pending=%d\n", timer_pending(&late_timer));
	return 0;
}

static void __exit timer_del_exit(void)
{
	int first = del_timer(&late_timer);
	int second = del_timer(&late_timer);

	pr_info("del_timer: %d then %d, pending=%d\n", first, second, timer_pending(&late_timer));
}

module_init(timer_del_init);
module_exit(timer_del_exit);
MODULE_LICENSE("GPL");
