/*
 * work_delayed.c - delayed work: one that runs after 100 ms, one cancelled
 * before its time, and what cancel_delayed_work_sync() says about each.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/workqueue.h>

static struct delayed_work soon, later;
static int soon_runs, later_runs;

static void soon_fn(struct work_struct *w)
{
	soon_runs++;
	pr_info("soon ran\n");
}

static void later_fn(struct work_struct *w)
{
	later_runs++;
	pr_info("later ran (it should not)\n");
}

static int __init work_delayed_init(void)
{
	INIT_DELAYED_WORK(&soon, soon_fn);
	INIT_DELAYED_WORK(&later, later_fn);
	schedule_delayed_work(&soon, msecs_to_jiffies(100));
	schedule_delayed_work(&later, msecs_to_jiffies(60000));
	pr_info("queued, pending: %d %d\n", delayed_work_pending(&soon) ? 1 : 0, delayed_work_pending(&later) ? 1 : 0);
	return 0;
}

static void __exit work_delayed_exit(void)
{
	bool a = cancel_delayed_work_sync(&soon);
	bool b = cancel_delayed_work_sync(&later);

	pr_info("cancel: soon=%d later=%d runs: %d %d\n", a, b, soon_runs, later_runs);
}

module_init(work_delayed_init);
module_exit(work_delayed_exit);
MODULE_LICENSE("GPL");
