#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>

struct item {
	int id;
	char name[16];
	struct list_head node;
};

static LIST_HEAD(items);

static int __init list_init(void)
{
	int i;
	struct item *it, *tmp;
	unsigned long sum = 0;

	for (i = 0; i < 5; i++) {
		it = kmalloc(sizeof(*it), GFP_KERNEL);
		if (!it)
			return -ENOMEM;
		it->id = i * i;
		snprintf(it->name, sizeof(it->name), "item-%d", i);
		list_add_tail(&it->node, &items);
	}
	list_for_each_entry(it, &items, node) {
		pr_info("list: %s id=%d\n", it->name, it->id);
		sum += it->id;
	}
	pr_info("list: sum=%lu strlen=%zu cmp=%d\n", sum, strlen("hello"), strcmp("a", "b") < 0);
	list_for_each_entry_safe(it, tmp, &items, node) {
		if (it->id % 2) {
			list_del(&it->node);
			kfree(it);
		}
	}
	list_for_each_entry(it, &items, node)
		pr_info("list: kept %s\n", it->name);
	return 0;
}

static void __exit list_exit(void)
{
	struct item *it, *tmp;
	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kfree(it);
	}
	pr_info("list: freed\n");
}

module_init(list_init);
module_exit(list_exit);
MODULE_LICENSE("GPL");
