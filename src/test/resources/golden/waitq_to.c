/*
 * waitq_to.c - wait_event_timeout() and wait_event_interruptible_timeout():
 * a condition a timer makes true, and one that never comes.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);
static struct timer_list t;
static int flag;

static void set_flag(struct timer_list *tl)
{
	flag = 1;
	wake_up(&wq);
}

static int __init waitq_to_init(void)
{
	long left;

	timer_setup(&t, set_flag, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(40));
	left = wait_event_timeout(wq, flag != 0, msecs_to_jiffies(500));
	pr_info("woken by the timer: %s, flag=%d\n", left > 0 ? "yes" : "no", flag);
	left = wait_event_timeout(wq, flag == 2, msecs_to_jiffies(80));
	pr_info("never true: left=%ld\n", left);
	left = wait_event_interruptible_timeout(wq, flag == 1, msecs_to_jiffies(80));
	pr_info("already true: left=%ld\n", left);
	left = wait_event_interruptible_timeout(wq, flag == 3, 1);
	pr_info("interruptible, never true: left=%ld\n", left);
	return 0;
}

static void __exit waitq_to_exit(void)
{
	del_timer_sync(&t);
	pr_info("waitq_to exit\n");
}

module_init(waitq_to_init);
module_exit(waitq_to_exit);
MODULE_LICENSE("GPL");
