/*
 * prodcons.c - a producer kthread and a consumer kthread sharing a list under
 * a spinlock; the consumer sleeps in wait_event_interruptible() until an item
 * arrives or it is told to stop. rmmod stops both with kthread_stop().
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

struct item {
	int n;
	struct list_head link;
};

static LIST_HEAD(queue);
static DEFINE_SPINLOCK(queue_lock);
static DECLARE_WAIT_QUEUE_HEAD(queue_wait);
static struct task_struct *producer, *consumer;
static int consumed;

static int produce(void *data)
{
	int n = 0;

	while (!kthread_should_stop()) {
		struct item *it = kmalloc(sizeof(*it), GFP_KERNEL);

		if (it && n < 4) {
			it->n = ++n;
			spin_lock(&queue_lock);
			list_add_tail(&it->link, &queue);
			spin_unlock(&queue_lock);
			pr_info("prodcons: produced %d\n", n);
			wake_up_interruptible(&queue_wait);
		} else {
			kfree(it);
		}
		msleep(100);
	}
	pr_info("prodcons: producer stops after %d\n", n);
	return 0;
}

static int consume(void *data)
{
	struct item *it, *tmp;
	LIST_HEAD(batch);

	while (!kthread_should_stop()) {
		if (wait_event_interruptible(queue_wait, !list_empty(&queue) || kthread_should_stop()))
			continue;
		spin_lock(&queue_lock);
		list_splice_init(&queue, &batch);
		spin_unlock(&queue_lock);
		list_for_each_entry_safe(it, tmp, &batch, link) {
			pr_info("prodcons: consumed %d\n", it->n);
			list_del(&it->link);
			kfree(it);
			consumed++;
		}
	}
	pr_info("prodcons: consumer stops after %d\n", consumed);
	return 0;
}

static int __init prodcons_init(void)
{
	consumer = kthread_run(consume, NULL, "consumer");
	if (IS_ERR(consumer))
		return PTR_ERR(consumer);
	producer = kthread_run(produce, NULL, "producer");
	if (IS_ERR(producer)) {
		kthread_stop(consumer);
		return PTR_ERR(producer);
	}
	return 0;
}

static void __exit prodcons_exit(void)
{
	kthread_stop(producer);
	kthread_stop(consumer);
	pr_info("prodcons: queue empty=%d\n", list_empty(&queue));
}

module_init(prodcons_init);
module_exit(prodcons_exit);
MODULE_LICENSE("GPL");
