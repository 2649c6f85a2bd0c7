/* rbtree_shape.c: the tree's shape and colours after inserts and erases */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/slab.h>

struct item {
	struct rb_node node;
	int key;
};

static struct rb_root root = RB_ROOT;
static struct item items[25];

static bool item_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct item, node)->key < rb_entry(b, struct item, node)->key;
}

static int item_cmp(const void *key, const struct rb_node *n)
{
	int k = *(const int *)key, v = rb_entry(n, struct item, node)->key;

	return k < v ? -1 : k > v;
}

static int shape(struct rb_node *n, char *buf, int len)
{
	int used;

	if (!n)
		return scnprintf(buf, len, ".");
	used = scnprintf(buf, len, "(%d%c ", rb_entry(n, struct item, node)->key,
			 (n->__rb_parent_color & 1) ? 'b' : 'r');
	used += shape(n->rb_left, buf + used, len - used);
	used += scnprintf(buf + used, len - used, " ");
	used += shape(n->rb_right, buf + used, len - used);
	used += scnprintf(buf + used, len - used, ")");
	return used;
}

static void show(const char *what)
{
	static char buf[1024];

	shape(root.rb_node, buf, sizeof(buf));
	pr_info("rbtree_shape: %s: %s\n", what, buf);
}

static int __init rbtree_shape_init(void)
{
	int order[] = { 13, 8, 17, 1, 11, 15, 25, 6, 22, 27, 2, 3, 4, 5, 9, 10, 12, 14, 16, 18, 19, 20, 21, 7 };
	int erase[] = { 8, 13, 1, 25, 17, 4, 20, 21, 2, 27 };
	int i, key;
	struct rb_node *n;
	char what[32];

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		items[i].key = order[i];
		rb_add(&items[i].node, &root, item_less);
	}
	show("built");
	for (i = 0; i < ARRAY_SIZE(erase); i++) {
		key = erase[i];
		n = rb_find(&key, &root, item_cmp);
		rb_erase(n, &root);
		snprintf(what, sizeof(what), "erase %d", key);
		show(what);
	}
	key = 16;
	n = rb_find(&key, &root, item_cmp);
	pr_info("rbtree_shape: prev of 16 is %d, next is %d\n", rb_entry(rb_prev(n), struct item, node)->key,
		rb_entry(rb_next(n), struct item, node)->key);
	items[24].key = 16;
	rb_replace_node(n, &items[24].node, &root);
	show("replaced 16");
	pr_info("rbtree_shape: postorder:");
	for (n = rb_first_postorder(&root); n; n = rb_next_postorder(n))
		pr_cont(" %d", rb_entry(n, struct item, node)->key);
	pr_cont("\n");
	return 0;
}

static void __exit rbtree_shape_exit(void)
{
}

module_init(rbtree_shape_init);
module_exit(rbtree_shape_exit);
MODULE_LICENSE("GPL");
