/*
 * sleeper.c - a misc device /dev/sleeper whose read() waits in
 * wait_event_interruptible() for data that never comes.  The reader sleeps
 * in TASK_INTERRUPTIBLE (ps: S): any signal wakes it, the wait returns
 * -ERESTARTSYS, and the signal's default action ends the reader.
 * A kernel thread "sleeperd" sleeps in msleep_interruptible() loops,
 * so ps shows it in brackets, asleep.
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(sleeper_wq);
static bool sleeper_ready;
static struct task_struct *sleeperd;

static ssize_t sleeper_read(struct file *file, char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	int ret;

	pr_info("sleeper: %s waits\n", current->comm);
	ret = wait_event_interruptible(sleeper_wq, sleeper_ready);
	pr_info("sleeper: wait returned %d, signal_pending=%d\n",
		ret, signal_pending(current));
	return ret;
}

static const struct file_operations sleeper_fops = {
	.owner = THIS_MODULE,
	.read = sleeper_read,
};

static struct miscdevice sleeper_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sleeper",
	.fops = &sleeper_fops,
};

static int sleeperd_fn(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(500);
	return 0;
}

static int __init sleeper_init(void)
{
	int ret = misc_register(&sleeper_dev);

	if (ret)
		return ret;
	sleeperd = kthread_run(sleeperd_fn, NULL, "sleeperd");
	if (IS_ERR(sleeperd)) {
		misc_deregister(&sleeper_dev);
		return PTR_ERR(sleeperd);
	}
	pr_info("sleeper: ready\n");
	return 0;
}

static void __exit sleeper_exit(void)
{
	kthread_stop(sleeperd);
	misc_deregister(&sleeper_dev);
	pr_info("sleeper: gone\n");
}

module_init(sleeper_init);
module_exit(sleeper_exit);
MODULE_LICENSE("GPL");
