/* the small helpers: bitops, ctype, kref, ktime, random, strings, min/max, hlist, WARN/BUG, allocators */
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

struct obj {
	struct kref ref;
	struct hlist_node node;
	int key;
};

static HLIST_HEAD(bucket);
static DECLARE_BITMAP(bits, 128);

static void obj_release(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, ref);

	hlist_del(&o->node);
	kfree(o);
}

static int __init misc_init(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);
	struct obj *pos;
	int *arr = kcalloc(4, sizeof(int), GFP_KERNEL);
	char *s = kasprintf(GFP_KERNEL, "%s-%d", "kplay", 3);
	void *big = vmalloc(8192);
	ktime_t t0 = ktime_get();
	u32 r = get_random_u32();
	char buf[32];
	int i;

	if (WARN_ON(!o || !arr || !s || !big))
		goto out;
	kref_init(&o->ref);
	o->key = 7;
	hlist_add_head(&o->node, &bucket);
	hlist_for_each_entry(pos, &bucket, node)
		pr_info("key %d\n", pos->key);
	kref_get(&o->ref);
	kref_put(&o->ref, obj_release);
	set_bit(5, bits);
	__set_bit(70, bits);
	if (test_bit(5, bits) && !test_and_clear_bit(6, bits))
		pr_info("bits ok, fls(%u)=%d\n", r, fls(r));
	for (i = 0; i < 4; i++)
		arr[i] = max(i, 2) + min_t(int, i, 1) + clamp(i, 1, 2);
	strscpy(buf, "Hello", sizeof(buf));
	for (i = 0; buf[i]; i++)
		buf[i] = toupper(buf[i]);
	if (isdigit('3') && strcmp(buf, "HELLO") == 0 && strstarts(s, "kplay"))
		pr_info("%s %s %lld ns\n", buf, s, ktime_to_ns(ktime_sub(ktime_get(), t0)));
	BUG_ON(arr[0] < 0);
	kref_put(&o->ref, obj_release);
	o = NULL;
out:
	vfree(big);
	kfree(s);
	kfree(arr);
	kfree(o);
	return 0;
}

static void __exit misc_exit(void)
{
}

module_init(misc_init);
module_exit(misc_exit);
MODULE_LICENSE("Dual MIT/GPL");
