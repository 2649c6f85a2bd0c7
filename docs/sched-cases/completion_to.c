/*
 * completion_to.c - completions: one completed by a timer while init waits,
 * one nobody completes, which times out; try_wait_for_completion().
 */
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>

static DECLARE_COMPLETION(ready);
static struct completion never;
static struct timer_list t;

static void fire(struct timer_list *tl)
{
	pr_info("timer completes ready\n");
	complete(&ready);
}

static int __init completion_to_init(void)
{
	unsigned long left;

	init_completion(&never);
	timer_setup(&t, fire, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(50));
	left = wait_for_completion_timeout(&ready, msecs_to_jiffies(1000));
	pr_info("ready: %s\n", left > 0 ? "completed in time" : "timed out");
	left = wait_for_completion_timeout(&never, msecs_to_jiffies(100));
	pr_info("never: left=%lu\n", left);
	pr_info("try_wait_for_completion: %d\n", try_wait_for_completion(&never) ? 1 : 0);
	complete(&never);
	pr_info("after complete: done=%d\n", completion_done(&never) ? 1 : 0);
	pr_info("try_wait_for_completion: %d\n", try_wait_for_completion(&never) ? 1 : 0);
	return 0;
}

static void __exit completion_to_exit(void)
{
	del_timer_sync(&t);
	pr_info("completion_to exit\n");
}

module_init(completion_to_init);
module_exit(completion_to_exit);
MODULE_LICENSE("GPL");
