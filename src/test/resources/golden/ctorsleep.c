/*
 * ctorsleep.c - a kmem_cache constructor that sleeps: slab constructors run with preemption off
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>

struct frame {
    int id;
    char data[120];
};

static struct kmem_cache *frames;
static int ctor_calls;

static void frame_ctor(void *p)
{
    struct frame *f = p;

    if (ctor_calls++ == 0)
        msleep(1);          /* wrong: a constructor must not sleep */
    f->id = -1;
}

static int __init ctorsleep_init(void)
{
    struct frame *a;

    frames = kmem_cache_create("frame_cache", sizeof(struct frame), 0, 0, frame_ctor);
    if (!frames)
        return -ENOMEM;
    a = kmem_cache_alloc(frames, GFP_KERNEL);
    if (!a) {
        kmem_cache_destroy(frames);
        return -ENOMEM;
    }
    pr_info("ctorsleep: a->id=%d, constructor ran %s\n", a->id, ctor_calls > 1 ? "for the whole slab" : "once");
    kmem_cache_free(frames, a);
    return 0;
}

static void __exit ctorsleep_exit(void)
{
    kmem_cache_destroy(frames);
    pr_info("ctorsleep: cache destroyed\n");
}

module_init(ctorsleep_init);
module_exit(ctorsleep_exit);
MODULE_LICENSE("GPL");
