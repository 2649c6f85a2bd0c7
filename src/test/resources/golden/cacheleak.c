// An object left in a cache the exit function destroys: SLUB's report, and a WARN naming the caller
#include <linux/module.h>
#include <linux/slab.h>

struct item {
	int id;
	char name[28];
};

static struct kmem_cache *cache;

static void item_ctor(void *p)
{
	struct item *it = p;

	it->id = -1;		/* a constructor: SLUB cannot merge the cache with another */
}
static struct item *kept;

static int __init cacheleak_init(void)
{
	cache = kmem_cache_create("cacheleak", sizeof(struct item), 0, 0, item_ctor);
	if (!cache)
		return -ENOMEM;
	kept = kmem_cache_alloc(cache, GFP_KERNEL);
	if (!kept) {
		kmem_cache_destroy(cache);
		return -ENOMEM;
	}
	kept->id = 1;
	pr_info("cacheleak: one item allocated\n");
	return 0;
}

static void __exit cacheleak_exit(void)
{
	kmem_cache_destroy(cache);	/* kept is never freed */
}

module_init(cacheleak_init);
module_exit(cacheleak_exit);
MODULE_LICENSE("GPL");
