/* rbtree_demo.c: keep numbers sorted in a red-black tree */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/slab.h>

struct node {
	struct rb_node rb;
	int key;
};

static struct rb_root tree = RB_ROOT;

static int insert(int key)
{
	struct rb_node **link = &tree.rb_node, *parent = NULL;
	struct node *n;

	while (*link) {
		struct node *cur = rb_entry(*link, struct node, rb);

		parent = *link;
		if (key < cur->key)
			link = &(*link)->rb_left;
		else if (key > cur->key)
			link = &(*link)->rb_right;
		else
			return -EEXIST;
	}
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	n->key = key;
	rb_link_node(&n->rb, parent, link);
	rb_insert_color(&n->rb, &tree);
	return 0;
}

static int __init rbtree_demo_init(void)
{
	int keys[] = { 42, 7, 19, 88, 3, 19, 64, 25 };
	struct rb_node *p;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		ret = insert(keys[i]);
		if (ret)
			pr_info("rbtree_demo: insert %d: %d\n", keys[i], ret);
	}
	for (p = rb_first(&tree); p; p = rb_next(p))
		pr_info("rbtree_demo: %d\n", rb_entry(p, struct node, rb)->key);
	p = rb_last(&tree);
	pr_info("rbtree_demo: last %d, root %d\n", rb_entry(p, struct node, rb)->key,
		rb_entry(tree.rb_node, struct node, rb)->key);
	return 0;
}

static void __exit rbtree_demo_exit(void)
{
	struct node *n, *tmp;
	int count = 0;

	rbtree_postorder_for_each_entry_safe(n, tmp, &tree, rb) {
		count++;
		kfree(n);
	}
	tree = RB_ROOT;
	pr_info("rbtree_demo: freed %d nodes\n", count);
}

module_init(rbtree_demo_init);
module_exit(rbtree_demo_exit);
MODULE_LICENSE("GPL");
