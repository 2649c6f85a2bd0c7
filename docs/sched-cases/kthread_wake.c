/*
 * kthread_wake.c - kthread_create() leaves the thread asleep until
 * wake_up_process(); the thread tells init it ran through a completion.
 */
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static DECLARE_COMPLETION(ran);
static int value = 5;

static int worker(void *data)
{
	pr_info("worker: data=%d\n", *(int *)data);
	complete(&ran);
	return 0;
}

static int __init kthread_wake_init(void)
{
	struct task_struct *t = kthread_create(worker, &value, "kplay_waker");

	if (IS_ERR(t))
		return PTR_ERR(t);
	pr_info("created %s, done=%d\n", t->comm, completion_done(&ran) ? 1 : 0);
	pr_info("wake_up_process=%d\n", wake_up_process(t));
	wait_for_completion(&ran);
	pr_info("worker ran, done=%d\n", completion_done(&ran) ? 1 : 0);
	return 0;
}

static void __exit kthread_wake_exit(void)
{
	pr_info("kthread_wake exit\n");
}

module_init(kthread_wake_init);
module_exit(kthread_wake_exit);
MODULE_LICENSE("GPL");
