/* xarray_alloc.c: allocating XArrays, marks, reservations and values */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/xarray.h>

static DEFINE_XARRAY_ALLOC1(sessions);
static DEFINE_XARRAY_ALLOC(ring);
static DEFINE_XARRAY(plain);

static int __init xarray_alloc_init(void)
{
	static char *names[] = { "alice", "bob", "carol", "dave" };
	unsigned long index;
	u32 id, next = 0;
	void *entry;
	int i, ret;

	for (i = 0; i < 4; i++) {
		ret = xa_alloc(&sessions, &id, names[i], XA_LIMIT(1, 3), GFP_KERNEL);
		pr_info("xarray_alloc: alloc %s: %d id %u\n", names[i], ret, ret ? 0 : id);
	}
	xa_erase(&sessions, 2);
	ret = xa_alloc(&sessions, &id, names[3], xa_limit_32b, GFP_KERNEL);
	pr_info("xarray_alloc: after erase: %d id %u\n", ret, id);
	xa_set_mark(&sessions, 1, XA_MARK_1);
	xa_set_mark(&sessions, 3, XA_MARK_1);
	xa_set_mark(&sessions, 7, XA_MARK_1);
	pr_info("xarray_alloc: marked %d, mark of 3 %d, of 2 %d\n", xa_marked(&sessions, XA_MARK_1),
		xa_get_mark(&sessions, 3, XA_MARK_1), xa_get_mark(&sessions, 2, XA_MARK_1));
	xa_for_each_marked(&sessions, index, entry, XA_MARK_1)
		pr_info("xarray_alloc: marked [%lu] %s\n", index, (char *)entry);
	xa_clear_mark(&sessions, 1, XA_MARK_1);
	xa_clear_mark(&sessions, 3, XA_MARK_1);
	pr_info("xarray_alloc: marked %d\n", xa_marked(&sessions, XA_MARK_1));

	for (i = 0; i < 5; i++) {
		ret = xa_alloc_cyclic(&ring, &id, xa_mk_value(i), XA_LIMIT(0, 2), &next, GFP_KERNEL);
		pr_info("xarray_alloc: cyclic %d: %d id %u next %u\n", i, ret, id, next);
		if (ret >= 0 && i < 3)
			xa_erase(&ring, id);
	}
	entry = xa_load(&ring, 1);
	pr_info("xarray_alloc: ring[1] value %d %lu\n", xa_is_value(entry), xa_to_value(entry));

	ret = xa_reserve(&plain, 5, GFP_KERNEL);
	pr_info("xarray_alloc: reserve %d, load %px, empty %d, insert %d\n", ret, xa_load(&plain, 5),
		xa_empty(&plain), xa_insert(&plain, 5, names[0], GFP_KERNEL));
	xa_release(&plain, 5);
	pr_info("xarray_alloc: released, empty %d\n", xa_empty(&plain));
	entry = xa_cmpxchg(&plain, 9, NULL, names[1], GFP_KERNEL);
	pr_info("xarray_alloc: cmpxchg %px, now %s\n", entry, (char *)xa_load(&plain, 9));
	entry = xa_store(&plain, 9, xa_mk_internal(3), GFP_KERNEL);
	pr_info("xarray_alloc: storing an internal entry: %d\n", xa_err(entry));
	ret = xa_alloc(&plain, &id, names[2], xa_limit_32b, GFP_KERNEL);
	pr_info("xarray_alloc: xa_alloc on a plain array: %d\n", ret);
	return 0;
}

static void __exit xarray_alloc_exit(void)
{
	xa_destroy(&sessions);
	xa_destroy(&ring);
	xa_destroy(&plain);
}

module_init(xarray_alloc_init);
module_exit(xarray_alloc_exit);
MODULE_LICENSE("GPL");
