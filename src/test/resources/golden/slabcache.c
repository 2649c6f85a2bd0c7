/*
 * slabcache.c - a private slab cache for fixed-size objects
 *
 * kmem_cache_create() with a constructor gives a cache of its own, listed
 * in /proc/slabinfo; a cache without one may be merged with a kernel cache.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>

struct item {
	int id;
	char tag[20];
	struct list_head node;
};

static struct kmem_cache *item_cache;
static struct kmem_cache *plain_cache;
static struct item *items[3];
static int ctor_calls;

static void item_ctor(void *obj)
{
	struct item *it = obj;

	it->id = -1;
	ctor_calls++;
}

static int __init slabcache_init(void)
{
	int i;

	item_cache = kmem_cache_create("kplay_item", sizeof(struct item), 0,
				       SLAB_HWCACHE_ALIGN, item_ctor);
	if (!item_cache)
		return -ENOMEM;
	plain_cache = kmem_cache_create("kplay_plain", 40, 0, 0, NULL);
	if (!plain_cache) {
		kmem_cache_destroy(item_cache);
		return -ENOMEM;
	}
	for (i = 0; i < 3; i++) {
		items[i] = kmem_cache_alloc(item_cache, GFP_KERNEL);
		if (!items[i])
			return -ENOMEM;
		pr_info("slabcache: item %d id before=%d\n", i, items[i]->id);
		items[i]->id = i * 10;
		snprintf(items[i]->tag, sizeof(items[i]->tag), "item-%d", i);
	}
	pr_info("slabcache: object size %u, ctor ran %d times\n",
		kmem_cache_size(item_cache), ctor_calls > 0);
	kmem_cache_free(item_cache, items[1]);
	items[1] = NULL;
	pr_info("slabcache: %s id=%d, %s id=%d\n", items[0]->tag, items[0]->id,
		items[2]->tag, items[2]->id);
	return 0;
}

static void __exit slabcache_exit(void)
{
	int i;

	for (i = 0; i < 3; i++)
		if (items[i])
			kmem_cache_free(item_cache, items[i]);
	kmem_cache_destroy(item_cache);
	kmem_cache_destroy(plain_cache);
	pr_info("slabcache: caches destroyed\n");
}

module_init(slabcache_init);
module_exit(slabcache_exit);
MODULE_LICENSE("GPL");
