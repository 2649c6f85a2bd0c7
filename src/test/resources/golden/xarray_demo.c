/* xarray_demo.c: an xarray of strings, and a seqlock-protected pair */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/xarray.h>
#include <linux/seqlock.h>

static DEFINE_XARRAY(names);
static DEFINE_SEQLOCK(pair_lock);
static int pair_a, pair_b;

static int __init xarray_demo_init(void)
{
	static char *words[] = { "zero", "one", "two", "three" };
	unsigned long index;
	unsigned int seq;
	void *entry;
	int a, b;

	xa_store(&names, 1, words[1], GFP_KERNEL);
	xa_store(&names, 5, words[2], GFP_KERNEL);
	xa_store(&names, 1000, words[3], GFP_KERNEL);
	pr_info("xarray_demo: load 5 -> %s, load 6 -> %p\n", (char *)xa_load(&names, 5), xa_load(&names, 6));
	xa_for_each(&names, index, entry)
		pr_info("xarray_demo: [%lu] = %s\n", index, (char *)entry);
	xa_erase(&names, 5);
	pr_info("xarray_demo: after erase, 5 -> %p, empty %d\n", xa_load(&names, 5), xa_empty(&names));
	pr_info("xarray_demo: insert 1: %d\n", xa_insert(&names, 1, words[0], GFP_KERNEL));

	write_seqlock(&pair_lock);
	pair_a = 3;
	pair_b = 4;
	write_sequnlock(&pair_lock);
	do {
		seq = read_seqbegin(&pair_lock);
		a = pair_a;
		b = pair_b;
	} while (read_seqretry(&pair_lock, seq));
	pr_info("xarray_demo: pair %d %d seq %u\n", a, b, seq);
	return 0;
}

static void __exit xarray_demo_exit(void)
{
	xa_destroy(&names);
	pr_info("xarray_demo: empty %d\n", xa_empty(&names));
}

module_init(xarray_demo_init);
module_exit(xarray_demo_exit);
MODULE_LICENSE("GPL");
