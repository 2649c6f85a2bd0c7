/*
 * work_basic.c - work on system_wq and on a private workqueue: the worker
 * runs in process context, flush_work() waits for it.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/workqueue.h>

static struct workqueue_struct *mywq;
static struct work_struct w1, w2;
static int runs;

static void w1_fn(struct work_struct *w)
{
	runs++;
	pr_info("w1 ran: in_interrupt=%d in_atomic=%d kworker=%s\n", in_interrupt() ? 1 : 0,
		in_atomic() ? 1 : 0, strncmp(current->comm, "kworker/", 8) == 0 ? "yes" : "no");
}

static void w2_fn(struct work_struct *w)
{
	runs++;
	pr_info("w2 ran on the private queue\n");
}

static int __init work_basic_init(void)
{
	bool first, again, flushed;

	INIT_WORK(&w1, w1_fn);
	INIT_WORK(&w2, w2_fn);
	first = schedule_work(&w1);
	again = schedule_work(&w1);
	pr_info("schedule_work=%d again=%d\n", first, again);
	flushed = flush_work(&w1);
	pr_info("flush_work=%d runs=%d\n", flushed, runs);
	mywq = alloc_workqueue("kplay_wq", WQ_UNBOUND, 1);
	if (!mywq)
		return -ENOMEM;
	queue_work(mywq, &w2);
	flush_workqueue(mywq);
	pr_info("after flush_workqueue runs=%d pending=%d\n", runs, work_pending(&w2) ? 1 : 0);
	return 0;
}

static void __exit work_basic_exit(void)
{
	destroy_workqueue(mywq);
	pr_info("work_basic exit, runs=%d\n", runs);
}

module_init(work_basic_init);
module_exit(work_basic_exit);
MODULE_LICENSE("GPL");
