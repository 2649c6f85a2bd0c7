/* rcu_cb.c: when RCU callbacks run, and in what context */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>

struct obj {
	int id;
	struct rcu_head rcu;
};

static unsigned long start;

static void obj_free(struct rcu_head *head)
{
	struct obj *o = container_of(head, struct obj, rcu);

	pr_info("rcu_cb: callback for %d after %lu jiffies, softirq %d, irqs %s\n", o->id, jiffies - start,
		in_softirq() ? 1 : 0, irqs_disabled() ? "off" : "on");
	kfree(o);
}

static int __init rcu_cb_init(void)
{
	int i;
	unsigned long t;

	start = jiffies;
	for (i = 1; i <= 3; i++) {
		struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

		if (!o)
			return -ENOMEM;
		o->id = i;
		call_rcu(&o->rcu, obj_free);
	}
	pr_info("rcu_cb: queued\n");
	t = jiffies;
	synchronize_rcu();
	pr_info("rcu_cb: synchronize_rcu took %lu jiffies\n", jiffies - t);
	t = jiffies;
	rcu_barrier();
	pr_info("rcu_cb: rcu_barrier took %lu jiffies\n", jiffies - t);
	t = jiffies;
	rcu_barrier();
	pr_info("rcu_cb: an idle rcu_barrier took %lu jiffies\n", jiffies - t);
	return 0;
}

static void __exit rcu_cb_exit(void)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	start = jiffies;
	if (o) {
		o->id = 4;
		call_rcu(&o->rcu, obj_free);
	}
	pr_info("rcu_cb: exit\n");
	rcu_barrier();
}

module_init(rcu_cb_init);
module_exit(rcu_cb_exit);
MODULE_LICENSE("GPL");
