/*
 * kref_demo.c - reference counting: an object shared by three users with a
 * kref and a release callback, a refcount_t, and atomic_t counters.
 */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/slab.h>

struct buffer {
	struct kref ref;
	int id;
};

static atomic_t next_id = ATOMIC_INIT(100);

static void buffer_release(struct kref *ref)
{
	struct buffer *b = container_of(ref, struct buffer, ref);

	pr_info("kref_demo: releasing buffer %d\n", b->id);
	kfree(b);
}

static int __init kref_demo_init(void)
{
	struct buffer *b;
	refcount_t users = REFCOUNT_INIT(1);
	atomic_t hits = ATOMIC_INIT(0);
	int old;

	b = kmalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	kref_init(&b->ref);
	b->id = atomic_inc_return(&next_id);
	kref_get(&b->ref);
	kref_get(&b->ref);
	pr_info("kref_demo: buffer %d has %u refs\n", b->id, kref_read(&b->ref));
	pr_info("kref_demo: put -> released=%d\n", kref_put(&b->ref, buffer_release));
	pr_info("kref_demo: put -> released=%d\n", kref_put(&b->ref, buffer_release));
	pr_info("kref_demo: put -> released=%d\n", kref_put(&b->ref, buffer_release));

	refcount_inc(&users);
	pr_info("kref_demo: users=%u, dec_and_test=%d\n", refcount_read(&users),
		refcount_dec_and_test(&users));
	pr_info("kref_demo: users=%u, dec_and_test=%d\n", refcount_read(&users),
		refcount_dec_and_test(&users));
	pr_info("kref_demo: inc_not_zero=%d\n", refcount_inc_not_zero(&users));

	atomic_add(5, &hits);
	old = atomic_cmpxchg(&hits, 5, 50);
	pr_info("kref_demo: cmpxchg saw %d, hits=%d\n", old, atomic_read(&hits));
	pr_info("kref_demo: fetch_sub=%d dec_and_test=%d now=%d\n", atomic_fetch_sub(49, &hits),
		atomic_dec_and_test(&hits), atomic_read(&hits));
	pr_info("kref_demo: xchg=%d add_unless=%d hits=%d\n", atomic_xchg(&hits, 7),
		atomic_add_unless(&hits, 1, 7), atomic_read(&hits));
	return 0;
}

static void __exit kref_demo_exit(void)
{
	pr_info("kref_demo: next id would be %d\n", atomic_read(&next_id) + 1);
}

module_init(kref_demo_init);
module_exit(kref_demo_exit);
MODULE_LICENSE("GPL");
