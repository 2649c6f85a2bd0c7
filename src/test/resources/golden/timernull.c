/*
 * timernull.c - a timer callback that dereferences a NULL pointer.
 *
 * In process context a NULL dereference kills only the task that made
 * it.  A timer callback runs in softirq context, on behalf of no task in
 * particular: the same bug there is a "Fatal exception in interrupt" and
 * the whole kernel panics.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

struct sample {
	int count;
};

static struct timer_list poll_timer;
static struct sample *current_sample;	/* the bug: never allocated */

static void poll_fn(struct timer_list *t)
{
	current_sample->count++;
	pr_info("timernull: count %d\n", current_sample->count);
}

static int __init timernull_init(void)
{
	timer_setup(&poll_timer, poll_fn, 0);
	mod_timer(&poll_timer, jiffies + msecs_to_jiffies(200));
	pr_info("timernull: armed\n");
	return 0;
}

static void __exit timernull_exit(void)
{
	del_timer_sync(&poll_timer);
}

module_init(timernull_init);
module_exit(timernull_exit);
MODULE_LICENSE("GPL");
