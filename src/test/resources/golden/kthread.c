/*
 * kthread.c - kthread_run, kthread_should_stop, kthread_stop.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *worker;
static int loops;

static int worker_fn(void *data)
{
	pr_info("worker %s started with data=%d\n", current->comm, *(int *)data);
	while (!kthread_should_stop()) {
		loops++;
		msleep(100);
	}
	pr_info("worker stopping\n");
	return 42;
}

static int arg = 7;

static int __init kthread_demo_init(void)
{
	worker = kthread_run(worker_fn, &arg, "kplay-worker");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	pr_info("thread created\n");
	return 0;
}

static void __exit kthread_demo_exit(void)
{
	int ret = kthread_stop(worker);

	pr_info("thread stopped ret=%d ran=%s\n", ret, loops > 0 ? "yes" : "no");
}

module_init(kthread_demo_init);
module_exit(kthread_demo_exit);
MODULE_LICENSE("GPL");
