/*
 * kmem.c - kmalloc, kzalloc, krealloc, kfree, kstrdup, kcalloc.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

struct item {
	int id;
	char name[12];
};

static struct item *items;
static char *copy;

static int __init kmem_init(void)
{
	int i;
	int *z;

	items = kmalloc_array(4, sizeof(*items), GFP_KERNEL);
	if (!items)
		return -ENOMEM;
	for (i = 0; i < 4; i++) {
		items[i].id = i * 10;
		snprintf(items[i].name, sizeof(items[i].name), "item-%d", i);
	}
	items = krealloc(items, 8 * sizeof(*items), GFP_KERNEL);
	if (!items)
		return -ENOMEM;
	pr_info("after krealloc: %s id=%d\n", items[3].name, items[3].id);

	z = kzalloc(16 * sizeof(int), GFP_KERNEL);
	pr_info("kzalloc zeroed: %d %d sizeof(struct item)=%zu\n", z[0], z[15], sizeof(struct item));
	kfree(z);
	z = kcalloc(3, sizeof(int), GFP_KERNEL);
	pr_info("kcalloc: %d\n", z[2]);
	kfree(z);

	copy = kstrdup("duplicated string", GFP_KERNEL);
	pr_info("kstrdup: %s (%zu)\n", copy, strlen(copy));
	kfree(NULL);
	return 0;
}

static void __exit kmem_exit(void)
{
	pr_info("freeing %s and %s\n", copy, items[0].name);
	kfree(copy);
	kfree(items);
}

module_init(kmem_init);
module_exit(kmem_exit);
MODULE_LICENSE("GPL");
