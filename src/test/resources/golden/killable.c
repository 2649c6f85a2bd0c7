/*
 * killable.c - three misc devices whose read() waits for an event that
 * never comes, each in a different sleep state:
 *   /dev/kwait_i  wait_event_interruptible  S  any signal wakes it
 *   /dev/kwait_k  wait_event_killable       D  only a fatal signal wakes it
 *   /dev/kwait_u  wait_event                D  nothing wakes it
 * The woken read returns -ERESTARTSYS and the reader dies of its signal.
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(kwait_wq);
static bool kwait_never;

static ssize_t read_i(struct file *f, char __user *b, size_t n, loff_t *p)
{
	int ret = wait_event_interruptible(kwait_wq, kwait_never);

	pr_info("kwait_i: woken, ret=%d\n", ret);
	return ret;
}

static ssize_t read_k(struct file *f, char __user *b, size_t n, loff_t *p)
{
	int ret = wait_event_killable(kwait_wq, kwait_never);

	pr_info("kwait_k: woken, ret=%d fatal=%d\n", ret,
		fatal_signal_pending(current));
	return ret;
}

static const struct file_operations fops_i = {
	.owner = THIS_MODULE,
	.read = read_i,
};

static const struct file_operations fops_k = {
	.owner = THIS_MODULE,
	.read = read_k,
};

static struct miscdevice dev_i = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kwait_i",
	.fops = &fops_i,
};

static struct miscdevice dev_k = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kwait_k",
	.fops = &fops_k,
};

static int __init killable_init(void)
{
	int ret = misc_register(&dev_i);

	if (ret)
		return ret;
	ret = misc_register(&dev_k);
	if (ret)
		misc_deregister(&dev_i);
	return ret;
}

static void __exit killable_exit(void)
{
	misc_deregister(&dev_k);
	misc_deregister(&dev_i);
	pr_info("killable: exit\n");
}

module_init(killable_init);
module_exit(killable_exit);
MODULE_LICENSE("GPL");
