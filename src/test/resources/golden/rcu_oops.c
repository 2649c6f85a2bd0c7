/* rcu_oops.c: an RCU callback that dereferences NULL */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/delay.h>

static struct rcu_head head;
static int *nothing;

static void bad_cb(struct rcu_head *h)
{
	pr_info("rcu_oops: callback reads %d\n", *nothing);
}

static int __init rcu_oops_init(void)
{
	call_rcu(&head, bad_cb);
	pr_info("rcu_oops: queued\n");
	msleep(20);
	pr_info("rcu_oops: init done\n");
	return 0;
}

static void __exit rcu_oops_exit(void)
{
}

module_init(rcu_oops_init);
module_exit(rcu_oops_exit);
MODULE_LICENSE("GPL");
