/* listoops.c: adding to a list head that was never initialised */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/slab.h>

struct item {
	int v;
	struct list_head node;
};

static struct list_head *head;

static int __init listoops_init(void)
{
	struct item *it = kzalloc(sizeof(*it), GFP_KERNEL);

	if (!it)
		return -ENOMEM;
	head = kzalloc(sizeof(*head), GFP_KERNEL);	/* zeroed, not INIT_LIST_HEAD */
	list_add(&it->node, head);
	pr_info("listoops: added\n");
	list_del(&it->node);
	pr_info("listoops: deleted\n");
	return 0;
}

static void __exit listoops_exit(void)
{
}

module_init(listoops_init);
module_exit(listoops_exit);
MODULE_LICENSE("GPL");
