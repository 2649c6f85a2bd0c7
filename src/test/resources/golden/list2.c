/*
 * list2.c - list.h: list_add_tail, list_for_each_entry_safe + list_del, list_first_entry, list_empty, list_move.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/slab.h>

struct node {
	int val;
	struct list_head link;
};

static LIST_HEAD(head);
static LIST_HEAD(other);

static int __init list2_init(void)
{
	struct node *n, *tmp;
	int i, count = 0;

	for (i = 1; i <= 5; i++) {
		n = kmalloc(sizeof(*n), GFP_KERNEL);
		n->val = i * i;
		if (i % 2)
			list_add_tail(&n->link, &head);
		else
			list_add(&n->link, &head);
	}
	list_for_each_entry(n, &head, link)
		pr_info("val %d\n", n->val);
	n = list_first_entry(&head, struct node, link);
	pr_info("first=%d last=%d\n", n->val, list_last_entry(&head, struct node, link)->val);
	list_move(&n->link, &other);
	list_for_each_entry_safe(n, tmp, &head, link) {
		if (n->val > 4) {
			list_del(&n->link);
			kfree(n);
		}
	}
	list_for_each_entry(n, &head, link)
		count++;
	pr_info("left=%d other_empty=%d head_empty=%d singular=%d\n", count, list_empty(&other),
		list_empty(&head), list_is_singular(&other));
	return 0;
}

static void __exit list2_exit(void)
{
	struct node *n, *tmp;

	list_splice_init(&other, &head);
	list_for_each_entry_safe(n, tmp, &head, link) {
		pr_info("free %d\n", n->val);
		list_del(&n->link);
		kfree(n);
	}
}

module_init(list2_init);
module_exit(list2_exit);
MODULE_LICENSE("GPL");
