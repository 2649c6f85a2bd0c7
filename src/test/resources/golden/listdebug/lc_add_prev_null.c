/* lc_add_prev_null.c: a corrupted list under CONFIG_DEBUG_LIST */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/poison.h>

static struct list_head a, b, c;
static struct list_head head; /* zeroed */

static int __init lc_add_prev_null_init(void)
{
	pr_info("lc_add_prev_null: start\n");
	list_add_tail(&a, &head);
	pr_info("lc_add_prev_null: survived\n");
	return 0;
}

static void __exit lc_add_prev_null_exit(void)
{
}

module_init(lc_add_prev_null_init);
module_exit(lc_add_prev_null_exit);
MODULE_LICENSE("GPL");
