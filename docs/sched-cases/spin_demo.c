/*
 * spin_demo.c - spinlocks: in_atomic() and irqs_disabled() while held,
 * spin_trylock() on a held lock, spin_lock_bh(), and rwlocks.
 */
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(sl);
static DEFINE_RWLOCK(rw);

static int __init spin_demo_init(void)
{
	unsigned long flags;
	int a, b, c;

	pr_info("before: in_atomic=%d irqs_disabled=%d\n", in_atomic() ? 1 : 0, irqs_disabled() ? 1 : 0);
	spin_lock(&sl);
	a = in_atomic() ? 1 : 0;
	b = irqs_disabled() ? 1 : 0;
	c = spin_trylock(&sl);
	spin_unlock(&sl);
	pr_info("spin_lock: in_atomic=%d irqs_disabled=%d trylock=%d\n", a, b, c);

	spin_lock_irqsave(&sl, flags);
	a = in_atomic() ? 1 : 0;
	b = irqs_disabled() ? 1 : 0;
	spin_unlock_irqrestore(&sl, flags);
	pr_info("spin_lock_irqsave: in_atomic=%d irqs_disabled=%d, after: %d\n", a, b, irqs_disabled() ? 1 : 0);

	spin_lock_bh(&sl);
	a = in_softirq() ? 1 : 0;
	b = in_atomic() ? 1 : 0;
	spin_unlock_bh(&sl);
	pr_info("spin_lock_bh: in_softirq=%d in_atomic=%d\n", a, b);

	c = spin_trylock(&sl);
	if (c)
		spin_unlock(&sl);
	pr_info("trylock on a free lock=%d, is_locked=%d\n", c, spin_is_locked(&sl) ? 1 : 0);

	read_lock(&rw);
	read_lock(&rw);
	a = write_trylock(&rw);
	read_unlock(&rw);
	read_unlock(&rw);
	b = write_trylock(&rw);
	if (b)
		write_unlock(&rw);
	pr_info("rwlock: write_trylock with readers=%d, without=%d\n", a, b);
	return 0;
}

static void __exit spin_demo_exit(void)
{
	pr_info("spin_demo exit\n");
}

module_init(spin_demo_init);
module_exit(spin_demo_exit);
MODULE_LICENSE("GPL");
