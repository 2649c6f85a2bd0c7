/*
 * idafree.c - freeing an id twice: ida_free() warns about an id that is not
 * allocated.
 */
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/module.h>

static DEFINE_IDA(ids);

static int __init idafree_init(void)
{
	int id = ida_alloc(&ids, GFP_KERNEL);

	pr_info("idafree: got %d, empty=%d\n", id, ida_is_empty(&ids));
	ida_free(&ids, id);
	pr_info("idafree: freed, empty=%d\n", ida_is_empty(&ids));
	ida_free(&ids, id);
	pr_info("idafree: still here\n");
	return 0;
}

static void __exit idafree_exit(void)
{
	ida_destroy(&ids);
}

module_init(idafree_init);
module_exit(idafree_exit);
MODULE_LICENSE("GPL");
