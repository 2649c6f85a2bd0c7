/*
 * sync.c - mutex, spinlock, atomic_t and a completion signalled from a kthread.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_MUTEX(lock);
static DEFINE_SPINLOCK(slock);
static atomic_t count = ATOMIC_INIT(5);
static DECLARE_COMPLETION(done);
static int shared;

static int helper(void *data)
{
	mutex_lock(&lock);
	shared += 10;
	mutex_unlock(&lock);
	complete(&done);
	return 0;
}

static int __init sync_init(void)
{
	unsigned long flags;
	struct task_struct *t;

	atomic_inc(&count);
	atomic_add(4, &count);
	pr_info("atomic: %d dec_and_test=%d\n", atomic_read(&count), atomic_dec_and_test(&count));
	atomic_set(&count, 1);
	pr_info("dec_and_test at 1: %d now %d\n", atomic_dec_and_test(&count), atomic_read(&count));

	spin_lock_irqsave(&slock, flags);
	shared = 1;
	spin_unlock_irqrestore(&slock, flags);

	pr_info("mutex_is_locked=%d trylock=%d\n", mutex_is_locked(&lock), mutex_trylock(&lock));
	mutex_unlock(&lock);

	t = kthread_run(helper, NULL, "helper");
	wait_for_completion(&done);
	pr_info("completion done, shared=%d\n", shared);
	return 0;
}

static void __exit sync_exit(void)
{
	pr_info("sync exit\n");
}

module_init(sync_init);
module_exit(sync_exit);
MODULE_LICENSE("GPL");
