/*
 * kthread_stop.c - a kernel thread that naps in TASK_INTERRUPTIBLE with
 * schedule_timeout() until kthread_stop(), which returns its exit code.
 */
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *napper;
static int naps;

static int napper_fn(void *data)
{
	pr_info("%s: started, is a kthread: %s\n", current->comm, (current->flags & PF_KTHREAD) ? "yes" : "no");
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
		naps++;
	}
	pr_info("%s: asked to stop\n", current->comm);
	return 17;
}

static int __init kthread_stop_init(void)
{
	napper = kthread_run(napper_fn, NULL, "napper/%d", 3);
	if (IS_ERR(napper))
		return PTR_ERR(napper);
	pr_info("started %s\n", napper->comm);
	return 0;
}

static void __exit kthread_stop_exit(void)
{
	int ret = kthread_stop(napper);

	pr_info("kthread_stop returned %d, napped: %s\n", ret, naps >= 5 ? "yes" : "no");
}

module_init(kthread_stop_init);
module_exit(kthread_stop_exit);
MODULE_LICENSE("GPL");
