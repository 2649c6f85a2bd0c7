/*
 * timerleft.c - a periodic timer that the exit function forgets to stop.
 *
 * The callback re-arms the timer every half second.  The exit function
 * should call del_timer_sync(&tick) (timer_shutdown_sync() in newer
 * kernels); it does not, so after rmmod the timer is still queued with
 * a callback address inside the freed module.  When it expires, the timer
 * softirq jumps there: a page fault in interrupt context, which the
 * kernel cannot survive ("Fatal exception in interrupt").
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list tick;

static void tick_fn(struct timer_list *t)
{
	pr_info("timerleft: tick\n");
	mod_timer(&tick, jiffies + msecs_to_jiffies(500));
}

static int __init timerleft_init(void)
{
	timer_setup(&tick, tick_fn, 0);
	mod_timer(&tick, jiffies + msecs_to_jiffies(500));
	pr_info("timerleft: armed\n");
	return 0;
}

static void __exit timerleft_exit(void)
{
	/* the bug: no del_timer_sync(&tick) */
	pr_info("timerleft: unloaded\n");
}

module_init(timerleft_init);
module_exit(timerleft_exit);
MODULE_LICENSE("GPL");
