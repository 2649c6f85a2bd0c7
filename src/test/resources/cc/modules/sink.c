/*
 * sink.c - a module that touches much of the curriculum API, to check it compiles cleanly.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/moduleparam.h>
#include <linux/interrupt.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/ioctl.h>

struct entry {
	int id;
	char name[16];
	struct list_head list;
};

static LIST_HEAD(entries);
static DEFINE_MUTEX(lock);
static DEFINE_SPINLOCK(slock);
static DECLARE_WAIT_QUEUE_HEAD(wq);
static struct task_struct *worker;
static struct timer_list timer;
static atomic_t counter = ATOMIC_INIT(0);
static int flag;
static int count = 3;
module_param(count, int, 0644);
MODULE_PARM_DESC(count, "how many entries");

static void timer_fn(struct timer_list *t)
{
	atomic_inc(&counter);
	mod_timer(&timer, jiffies + msecs_to_jiffies(100));
}

static int worker_fn(void *data)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible_timeout(wq, flag != 0, HZ);
		msleep(10);
	}
	return 0;
}

static ssize_t sink_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	char tmp[64];
	int n = scnprintf(tmp, sizeof(tmp), "count=%d\n", atomic_read(&counter));

	if (*ppos >= n)
		return 0;
	if (len > n - *ppos)
		len = n - *ppos;
	if (copy_to_user(buf, tmp + *ppos, len))
		return -EFAULT;
	*ppos += len;
	return len;
}

static ssize_t sink_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	char tmp[16] = { 0 };

	if (len >= sizeof(tmp))
		return -EINVAL;
	if (copy_from_user(tmp, buf, len))
		return -EFAULT;
	spin_lock(&slock);
	flag = tmp[0] == '1';
	spin_unlock(&slock);
	wake_up_interruptible(&wq);
	return len;
}

static const struct file_operations sink_fops = {
	.owner = THIS_MODULE,
	.read = sink_read,
	.write = sink_write,
};

static struct miscdevice sink_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sink",
	.fops = &sink_fops,
};

static int sink_show(struct seq_file *m, void *v)
{
	struct entry *e;

	mutex_lock(&lock);
	list_for_each_entry(e, &entries, list)
		seq_printf(m, "%d %s\n", e->id, e->name);
	mutex_unlock(&lock);
	return 0;
}

static int __init sink_init(void)
{
	int i, ret;

	for (i = 0; i < count; i++) {
		struct entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

		if (!e)
			return -ENOMEM;
		e->id = i;
		snprintf(e->name, sizeof(e->name), "entry%d", i);
		mutex_lock(&lock);
		list_add_tail(&e->list, &entries);
		mutex_unlock(&lock);
	}
	WARN_ON(count < 0);
	BUG_ON(count > 1000);
	ret = misc_register(&sink_dev);
	if (ret)
		return ret;
	proc_create_single("sink", 0444, NULL, sink_show);
	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + HZ);
	worker = kthread_run(worker_fn, NULL, "sink-worker");
	if (IS_ERR(worker)) {
		misc_deregister(&sink_dev);
		return PTR_ERR(worker);
	}
	pr_info("sink: %d entries, min %d, max %lu\n", count, min(count, 2), max(1UL, 2UL));
	return 0;
}

static void __exit sink_exit(void)
{
	struct entry *e, *tmp;

	kthread_stop(worker);
	del_timer_sync(&timer);
	remove_proc_entry("sink", NULL);
	misc_deregister(&sink_dev);
	list_for_each_entry_safe(e, tmp, &entries, list) {
		list_del(&e->list);
		kfree(e);
	}
}

module_init(sink_init);
module_exit(sink_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("kplay");
MODULE_DESCRIPTION("kitchen sink");
