/* notifier_demo.c: a blocking notifier chain with priorities and a stop */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/preempt.h>

static BLOCKING_NOTIFIER_HEAD(demo_chain);

static int first_cb(struct notifier_block *nb, unsigned long action, void *data)
{
	pr_info("notifier_demo: first sees %lu (%s)\n", action, (char *)data);
	return NOTIFY_OK;
}

static int second_cb(struct notifier_block *nb, unsigned long action, void *data)
{
	pr_info("notifier_demo: second sees %lu\n", action);
	if (action == 2)
		return NOTIFY_STOP;
	return NOTIFY_DONE;
}

static int third_cb(struct notifier_block *nb, unsigned long action, void *data)
{
	pr_info("notifier_demo: third sees %lu\n", action);
	return notifier_from_errno(-EBUSY);
}

static struct notifier_block first = { .notifier_call = first_cb, .priority = 10 };
static struct notifier_block second = { .notifier_call = second_cb, .priority = 5 };
static struct notifier_block third = { .notifier_call = third_cb, .priority = 0 };

static RAW_NOTIFIER_HEAD(raw_chain);
static ATOMIC_NOTIFIER_HEAD(atomic_chain);

static int quiet_cb(struct notifier_block *nb, unsigned long action, void *data)
{
	pr_info("notifier_demo: priority %d sees %lu in %s context\n", nb->priority, action,
		in_atomic() ? "atomic" : "process");
	return NOTIFY_BAD;
}

static struct notifier_block fourth = { .notifier_call = quiet_cb, .priority = 4 };
static struct notifier_block fifth = { .notifier_call = quiet_cb, .priority = -5 };

static int __init notifier_demo_init(void)
{
	int ret;

	blocking_notifier_chain_register(&demo_chain, &third);
	blocking_notifier_chain_register(&demo_chain, &first);
	blocking_notifier_chain_register(&demo_chain, &second);
	ret = blocking_notifier_call_chain(&demo_chain, 1, "one");
	pr_info("notifier_demo: chain 1 returned %#x, errno %d\n", ret, notifier_to_errno(ret));
	ret = blocking_notifier_call_chain(&demo_chain, 2, "two");
	pr_info("notifier_demo: chain 2 returned %#x\n", ret);
	pr_info("notifier_demo: unregister %d, again %d\n",
		blocking_notifier_chain_unregister(&demo_chain, &second),
		blocking_notifier_chain_unregister(&demo_chain, &second));
	ret = blocking_notifier_call_chain(&demo_chain, 2, "three");
	pr_info("notifier_demo: chain 3 returned %#x\n", ret);
	pr_info("notifier_demo: unique 10: %d\n", blocking_notifier_chain_register_unique_prio(&demo_chain, &second));
	pr_info("notifier_demo: first again: %d\n", blocking_notifier_chain_register(&demo_chain, &first));
	ret = raw_notifier_call_chain(&raw_chain, 5, NULL);
	pr_info("notifier_demo: empty raw chain %#x\n", ret);
	raw_notifier_chain_register(&raw_chain, &fourth);
	pr_info("notifier_demo: raw chain %#x\n", raw_notifier_call_chain(&raw_chain, 6, NULL));
	atomic_notifier_chain_register(&atomic_chain, &fifth);
	pr_info("notifier_demo: atomic chain %#x\n", atomic_notifier_call_chain(&atomic_chain, 7, NULL));
	return 0;
}

static void __exit notifier_demo_exit(void)
{
	blocking_notifier_chain_unregister(&demo_chain, &first);
	blocking_notifier_chain_unregister(&demo_chain, &third);
	blocking_notifier_chain_unregister(&demo_chain, &second);
	raw_notifier_chain_unregister(&raw_chain, &fourth);
	pr_info("notifier_demo: atomic unregister %d %d\n", atomic_notifier_chain_unregister(&atomic_chain, &fifth),
		atomic_notifier_chain_unregister(&atomic_chain, &fifth));
}

module_init(notifier_demo_init);
module_exit(notifier_demo_exit);
MODULE_LICENSE("GPL");
