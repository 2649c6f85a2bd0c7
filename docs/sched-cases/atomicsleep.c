/*
 * atomicsleep.c - the classic locking bug: msleep() while holding a
 * spinlock. The kernel reports "scheduling while atomic" and goes on.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(lock);
static int shared;

static int __init atomicsleep_init(void)
{
	spin_lock(&lock);
	shared++;
	msleep(10);
	spin_unlock(&lock);
	pr_info("atomicsleep: still alive, shared=%d\n", shared);
	return 0;
}

static void __exit atomicsleep_exit(void)
{
	pr_info("atomicsleep exit\n");
}

module_init(atomicsleep_init);
module_exit(atomicsleep_exit);
MODULE_LICENSE("GPL");
