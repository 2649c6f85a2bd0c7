/*
 * slabmerge.c - which kmem_caches get a cache of their own and which are merged into another
 */
#include <linux/module.h>
#include <linux/slab.h>

static struct kmem_cache *c[7];
static const char *const names[] = { "mrg_a40", "mrg_b40", "mrg_c100", "mrg_d120", "mrg_e72", "mrg_f60",
                                     "mrg_g100acct" };
static const unsigned int sizes[] = { 40, 40, 100, 120, 72, 60, 100 };

static void mrg_ctor(void *p)
{
}

static int __init slabmerge_init(void)
{
    int i;

    for (i = 0; i < 6; i++)
        c[i] = kmem_cache_create(names[i], sizes[i], 0, 0, NULL);
    c[6] = kmem_cache_create(names[6], sizes[6], 0, SLAB_ACCOUNT, NULL);
    for (i = 0; i < 7; i++)
        pr_info("slabmerge: %s asked %u, got object size %u%s\n", names[i], sizes[i], kmem_cache_size(c[i]),
                i && c[i] == c[i - 1] ? " (same cache as the one before)" : "");
    return 0;
}

static void __exit slabmerge_exit(void)
{
    struct kmem_cache *k;
    int i;

    for (i = 6; i >= 0; i--)
        kmem_cache_destroy(c[i]);
    k = kmem_cache_create("mrg_h40ctor", 40, 0, 0, mrg_ctor);
    pr_info("slabmerge: with a constructor: object size %u\n", kmem_cache_size(k));
    kmem_cache_destroy(k);
}

module_init(slabmerge_init);
module_exit(slabmerge_exit);
MODULE_LICENSE("GPL");
