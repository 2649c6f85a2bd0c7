/* lc_add_prev_next.c: a corrupted list under CONFIG_DEBUG_LIST */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/poison.h>

static struct list_head a, b, c;
static LIST_HEAD(head);

static int __init lc_add_prev_next_init(void)
{
	pr_info("lc_add_prev_next: start\n");
	list_add(&a, &head);
	a.next = &b;
	list_add_tail(&c, &head);
	pr_info("lc_add_prev_next: survived\n");
	return 0;
}

static void __exit lc_add_prev_next_exit(void)
{
}

module_init(lc_add_prev_next_init);
module_exit(lc_add_prev_next_exit);
MODULE_LICENSE("GPL");
