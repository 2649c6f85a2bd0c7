/*
 * wq.c - workqueues: a work on the system queue, a delayed work and a private queue.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/workqueue.h>

static struct workqueue_struct *queue;
static struct work_struct work;
static struct delayed_work dwork;

static void work_handler(struct work_struct *w)
{
	pr_info("work ran\n");
}

static void dwork_handler(struct work_struct *w)
{
	pr_info("delayed work ran\n");
}

static int __init wq_init(void)
{
	queue = alloc_workqueue("kplayq", WQ_UNBOUND, 1);
	if (!queue)
		return -ENOMEM;
	INIT_WORK(&work, work_handler);
	INIT_DELAYED_WORK(&dwork, dwork_handler);
	queue_work(queue, &work);
	schedule_delayed_work(&dwork, msecs_to_jiffies(200));
	pr_info("works queued\n");
	return 0;
}

static void __exit wq_exit(void)
{
	cancel_delayed_work_sync(&dwork);
	flush_workqueue(queue);
	destroy_workqueue(queue);
	pr_info("wq exit\n");
}

module_init(wq_init);
module_exit(wq_exit);
MODULE_LICENSE("GPL");
