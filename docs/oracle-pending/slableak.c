/*
 * slableak.c - kmem_cache_destroy() while an object is still allocated from the cache
 */
#include <linux/module.h>
#include <linux/slab.h>

struct conn {
    int fd;
    char peer[60];
};

static struct kmem_cache *conn_cache;
static struct conn *kept;

static void conn_ctor(void *p)
{
    ((struct conn *)p)->fd = -1;
}

static int __init slableak_init(void)
{
    struct conn *a;

    conn_cache = kmem_cache_create("conn_cache", sizeof(struct conn), 0, 0, conn_ctor);
    if (!conn_cache)
        return -ENOMEM;
    a = kmem_cache_alloc(conn_cache, GFP_KERNEL);
    kept = kmem_cache_alloc(conn_cache, GFP_KERNEL);
    kmem_cache_free(conn_cache, a);
    pr_info("slableak: two connections, one closed\n");
    return 0;
}

static void __exit slableak_exit(void)
{
    kmem_cache_destroy(conn_cache);     /* forgot to free 'kept' */
    pr_info("slableak: cache destroyed\n");
}

module_init(slableak_init);
module_exit(slableak_exit);
MODULE_LICENSE("GPL");
