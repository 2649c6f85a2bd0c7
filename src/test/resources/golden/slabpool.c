/*
 * slabpool.c - a pool of packet buffers from a hardware-aligned kmem_cache
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>

struct pkt {
    struct list_head node;
    int seq;
    u8 payload[52];
};

static struct kmem_cache *pkt_cache;
static LIST_HEAD(pool);

static int __init slabpool_init(void)
{
    struct pkt *p;
    int i, misaligned = 0;

    pkt_cache = kmem_cache_create("pkt_pool", sizeof(struct pkt), 0, SLAB_HWCACHE_ALIGN, NULL);
    if (!pkt_cache)
        return -ENOMEM;
    pr_info("slabpool: object size %u, cache object size %u\n", (unsigned int)sizeof(struct pkt),
            kmem_cache_size(pkt_cache));
    for (i = 0; i < 100; i++) {
        p = kmem_cache_zalloc(pkt_cache, GFP_KERNEL);
        if (!p)
            break;
        if ((unsigned long)p % 64)
            misaligned++;
        p->seq = i;
        list_add_tail(&p->node, &pool);
    }
    pr_info("slabpool: %d packets, %d misaligned\n", i, misaligned);
    return 0;
}

static void __exit slabpool_exit(void)
{
    struct pkt *p, *n;
    int freed = 0, sum = 0;

    list_for_each_entry_safe(p, n, &pool, node) {
        sum += p->seq;
        list_del(&p->node);
        kmem_cache_free(pkt_cache, p);
        freed++;
    }
    kmem_cache_destroy(pkt_cache);
    pr_info("slabpool: freed %d packets, seq sum %d\n", freed, sum);
}

module_init(slabpool_init);
module_exit(slabpool_exit);
MODULE_LICENSE("GPL");
