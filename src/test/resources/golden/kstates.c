/*
 * kstates.c - three kernel threads, each sleeping its own way, to read
 * their states in ps and /proc: msleep() sleeps TASK_UNINTERRUPTIBLE (D),
 * msleep_interruptible() TASK_INTERRUPTIBLE (S), and a thread that waits
 * for work with set_current_state(TASK_IDLE) shows as idle (I) and does
 * not count in the load average.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static struct task_struct *t_d, *t_s, *t_i;

static int fn_d(void *data)
{
	while (!kthread_should_stop())
		msleep(200);
	return 0;
}

static int fn_s(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(200);
	return 0;
}

static int fn_i(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_IDLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 7;
}

static int __init kstates_init(void)
{
	t_d = kthread_run(fn_d, NULL, "kst_d");
	t_s = kthread_run(fn_s, NULL, "kst_s");
	t_i = kthread_run(fn_i, NULL, "kst_i");
	pr_info("kstates: started %s %s %s\n", t_d->comm, t_s->comm, t_i->comm);
	return 0;
}

static void __exit kstates_exit(void)
{
	int a = kthread_stop(t_d);
	int b = kthread_stop(t_s);
	int c = kthread_stop(t_i);

	pr_info("kstates: stopped %d %d %d\n", a, b, c);
}

module_init(kstates_init);
module_exit(kstates_exit);
MODULE_LICENSE("GPL");
