/*
 * current.c - the current task in init and exit, and container_of.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>

struct outer {
	int tag;
	long inner;
};

static struct outer o = { .tag = 99 };
static const char *names[] = { "a", "b", "c" };

static int __init current_init(void)
{
	struct outer *back = container_of(&o.inner, struct outer, inner);

	pr_info("init runs in %s, tag=%d\n", current->comm, back->tag);
	pr_info("ARRAY_SIZE=%zu max=%d min=%d clamp=%d\n", ARRAY_SIZE(names),
		max(3, 9), min(3, 9), clamp(15, 0, 10));
	return 0;
}

static void __exit current_exit(void)
{
	pr_info("exit runs in %s\n", current->comm);
}

module_init(current_init);
module_exit(current_exit);
MODULE_LICENSE("GPL");
