/*
 * reclaimwq.c - a workqueue that may be needed to free memory
 * (WQ_MEM_RECLAIM) gets a rescuer thread of its own, named after the
 * workqueue: it shows in ps as [reclaimwq] and idles until the pool
 * cannot create a worker under memory pressure.  destroy_workqueue()
 * stops it.  The work itself runs on an ordinary kworker.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/workqueue.h>

static struct workqueue_struct *reclaim_wq;

static void reclaim_fn(struct work_struct *work)
{
	pr_info("reclaimwq: work ran, in_task=%d\n", (int)in_task());
}

static DECLARE_WORK(reclaim_work, reclaim_fn);

static int __init reclaimwq_init(void)
{
	reclaim_wq = alloc_workqueue("reclaimwq", WQ_MEM_RECLAIM, 0);
	if (!reclaim_wq)
		return -ENOMEM;
	queue_work(reclaim_wq, &reclaim_work);
	flush_workqueue(reclaim_wq);
	pr_info("reclaimwq: flushed\n");
	return 0;
}

static void __exit reclaimwq_exit(void)
{
	destroy_workqueue(reclaim_wq);
	pr_info("reclaimwq: destroyed\n");
}

module_init(reclaimwq_init);
module_exit(reclaimwq_exit);
MODULE_LICENSE("GPL");
