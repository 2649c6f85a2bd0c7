/* lc_del_prev_next.c: a corrupted list under CONFIG_DEBUG_LIST */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/poison.h>

static struct list_head a, b, c;
static LIST_HEAD(head);

static int __init lc_del_prev_next_init(void)
{
	pr_info("lc_del_prev_next: start\n");
	list_add(&a, &head);
	head.next = &b;
	list_del(&a);
	pr_info("lc_del_prev_next: survived\n");
	return 0;
}

static void __exit lc_del_prev_next_exit(void)
{
}

module_init(lc_del_prev_next_init);
module_exit(lc_del_prev_next_exit);
MODULE_LICENSE("GPL");
