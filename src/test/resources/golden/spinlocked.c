/*
 * spinlocked.c - an init function that takes a spinlock and then loops
 * forever: preemption stays disabled for the whole loop.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(spinlocked_lock);

static int __init spinlocked_init(void)
{
	volatile unsigned long count = 0;

	spin_lock(&spinlocked_lock);
	pr_info("spinlocked: counting with the lock held\n");
	while (1)
		count++;
	spin_unlock(&spinlocked_lock);
	return 0;
}

static void __exit spinlocked_exit(void)
{
	pr_info("spinlocked: exit\n");
}

module_init(spinlocked_init);
module_exit(spinlocked_exit);
MODULE_LICENSE("GPL");
