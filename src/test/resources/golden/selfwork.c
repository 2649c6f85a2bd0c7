/*
 * selfwork.c - a heartbeat: delayed work that re-queues itself every 500 ms
 * until it has run 5 times; rmmod cancels it if it is still pending.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/workqueue.h>

static struct delayed_work beat;
static int beats;
static unsigned long started;

static void beat_fn(struct work_struct *work)
{
	struct delayed_work *dw = to_delayed_work(work);

	beats++;
	pr_info("selfwork: beat %d after %u ms (pending=%d)\n", beats,
		jiffies_to_msecs(jiffies - started) / 100 * 100, delayed_work_pending(dw));
	if (beats < 5)
		schedule_delayed_work(dw, msecs_to_jiffies(500));
	else
		pr_info("selfwork: done\n");
}

static int __init selfwork_init(void)
{
	INIT_DELAYED_WORK(&beat, beat_fn);
	started = jiffies;
	schedule_delayed_work(&beat, msecs_to_jiffies(500));
	pr_info("selfwork: queued=%d\n", delayed_work_pending(&beat));
	return 0;
}

static void __exit selfwork_exit(void)
{
	pr_info("selfwork: cancel -> %d after %d beats\n", cancel_delayed_work_sync(&beat), beats);
}

module_init(selfwork_init);
module_exit(selfwork_exit);
MODULE_LICENSE("GPL");
