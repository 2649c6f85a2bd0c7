/* lc_add_next_prev.c: a corrupted list under CONFIG_DEBUG_LIST */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/poison.h>

static struct list_head a, b, c;
static LIST_HEAD(head);

static int __init lc_add_next_prev_init(void)
{
	pr_info("lc_add_next_prev: start\n");
	head.prev = &b;
	list_add(&a, &head);
	pr_info("lc_add_next_prev: survived\n");
	return 0;
}

static void __exit lc_add_next_prev_exit(void)
{
}

module_init(lc_add_next_prev_init);
module_exit(lc_add_next_prev_exit);
MODULE_LICENSE("GPL");
