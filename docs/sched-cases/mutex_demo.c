/*
 * mutex_demo.c - mutex_is_locked(), mutex_trylock() on a held and a free
 * mutex, and a kthread that blocks on the mutex until init releases it.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(big_lock);
static DECLARE_COMPLETION(got_it);
static int counter;

static int contender(void *data)
{
	pr_info("contender: trying the lock\n");
	mutex_lock(&big_lock);
	counter++;
	pr_info("contender: got the lock, counter=%d\n", counter);
	mutex_unlock(&big_lock);
	complete(&got_it);
	return 0;
}

static int __init mutex_demo_init(void)
{
	int locked, r;

	locked = mutex_is_locked(&big_lock);
	pr_info("is_locked=%d\n", locked);
	mutex_lock(&big_lock);
	locked = mutex_is_locked(&big_lock);
	r = mutex_trylock(&big_lock);
	pr_info("held: is_locked=%d trylock=%d\n", locked, r);
	kthread_run(contender, NULL, "contender");
	msleep(100);
	counter = 10;
	pr_info("init: releasing the lock, counter=%d\n", counter);
	mutex_unlock(&big_lock);
	wait_for_completion(&got_it);
	r = mutex_trylock(&big_lock);
	locked = mutex_is_locked(&big_lock);
	pr_info("free: trylock=%d is_locked=%d\n", r, locked);
	mutex_unlock(&big_lock);
	return 0;
}

static void __exit mutex_demo_exit(void)
{
	pr_info("mutex_demo exit, is_locked=%d\n", mutex_is_locked(&big_lock));
}

module_init(mutex_demo_init);
module_exit(mutex_demo_exit);
MODULE_LICENSE("GPL");
