/* kthreads, timers, delays, jiffies, completions, atomics */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timer.h>

static struct task_struct *worker;
static struct timer_list tick;
static DECLARE_COMPLETION(done);
static atomic_t ticks = ATOMIC_INIT(0);
static unsigned long started;

static void tick_fn(struct timer_list *t)
{
	atomic_inc(&ticks);
	if (atomic_read(&ticks) < 3)
		mod_timer(t, jiffies + msecs_to_jiffies(100));
	else
		complete(&done);
}

static int worker_fn(void *data)
{
	int n = 0;

	while (!kthread_should_stop()) {
		msleep(50);
		n++;
		if (n % 10 == 0)
			pr_info("worker: %d rounds, %u ms\n", n,
				jiffies_to_msecs(jiffies - started));
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
	}
	return n;
}

static int __init kt_init(void)
{
	started = jiffies;
	timer_setup(&tick, tick_fn, 0);
	mod_timer(&tick, jiffies + HZ);
	worker = kthread_run(worker_fn, NULL, "kt-worker/%d", 0);
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	if (!wait_for_completion_timeout(&done, 5 * HZ))
		pr_warn("timer did not finish\n");
	ssleep(1);
	udelay(10);
	mdelay(1);
	usleep_range(100, 200);
	return 0;
}

static void __exit kt_exit(void)
{
	int ret = kthread_stop(worker);

	del_timer_sync(&tick);
	pr_info("worker ran %d rounds, pid %d comm %s\n", ret,
		task_pid_nr(current), current->comm);
	if (time_after(jiffies, started + HZ))
		pr_info("more than a second\n");
}

module_init(kt_init);
module_exit(kt_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("kplay");
MODULE_DESCRIPTION("kthread and timer demo");
