/*
 * kthread_wq.c - a kernel thread sleeping in wait_event_interruptible() on
 * a wait queue, woken by a timer twice, then stopped.
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);
static struct task_struct *consumer;
static struct timer_list producer;
static int items, produced;

static void produce(struct timer_list *t)
{
	produced++;
	items++;
	wake_up_interruptible(&wq);
	if (produced < 2)
		mod_timer(&producer, jiffies + msecs_to_jiffies(100));
}

static int consume(void *data)
{
	while (!kthread_should_stop()) {
		if (wait_event_interruptible(wq, items > 0 || kthread_should_stop()))
			break;
		if (items > 0) {
			items--;
			pr_info("consumed an item\n");
		}
	}
	return 0;
}

static int __init kthread_wq_init(void)
{
	consumer = kthread_run(consume, NULL, "consumer");
	timer_setup(&producer, produce, 0);
	mod_timer(&producer, jiffies + msecs_to_jiffies(100));
	return 0;
}

static void __exit kthread_wq_exit(void)
{
	del_timer_sync(&producer);
	kthread_stop(consumer);
	pr_info("produced %d\n", produced);
}

module_init(kthread_wq_init);
module_exit(kthread_wq_exit);
MODULE_LICENSE("GPL");
