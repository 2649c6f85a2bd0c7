/* work queues, tasklets, spinlocks, mutexes, wait queues */
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

static struct workqueue_struct *wq;
static DEFINE_MUTEX(lock);
static DEFINE_SPINLOCK(slock);
static DECLARE_WAIT_QUEUE_HEAD(waitq);
static int flag;

struct job {
	struct work_struct work;
	int id;
};

static void job_fn(struct work_struct *work)
{
	struct job *j = container_of(work, struct job, work);
	unsigned long flags;

	mutex_lock(&lock);
	pr_info("job %d\n", j->id);
	mutex_unlock(&lock);
	spin_lock_irqsave(&slock, flags);
	flag = 1;
	spin_unlock_irqrestore(&slock, flags);
	wake_up_interruptible(&waitq);
	kfree(j);
}

static void delayed_fn(struct work_struct *work)
{
	pr_info("delayed work ran\n");
}

static DECLARE_DELAYED_WORK(later, delayed_fn);

static void tasklet_fn(struct tasklet_struct *t)
{
	pr_info("tasklet ran\n");
}

static DECLARE_TASKLET(tl, tasklet_fn);

static int __init wt_init(void)
{
	struct job *j = kzalloc(sizeof(*j), GFP_KERNEL);
	int ret;

	if (!j)
		return -ENOMEM;
	wq = create_singlethread_workqueue("kplay-wq");
	if (!wq) {
		kfree(j);
		return -ENOMEM;
	}
	j->id = 1;
	INIT_WORK(&j->work, job_fn);
	queue_work(wq, &j->work);
	schedule_delayed_work(&later, HZ);
	tasklet_schedule(&tl);
	ret = wait_event_interruptible(waitq, flag != 0);
	if (ret == -ERESTARTSYS)
		return ret;
	if (signal_pending(current))
		return -EINTR;
	spin_lock(&slock);
	spin_unlock(&slock);
	return 0;
}

static void __exit wt_exit(void)
{
	tasklet_kill(&tl);
	cancel_delayed_work_sync(&later);
	flush_workqueue(wq);
	destroy_workqueue(wq);
}

module_init(wt_init);
module_exit(wt_exit);
MODULE_LICENSE("GPL");
