/* lc_del_poison1.c: a corrupted list under CONFIG_DEBUG_LIST */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/poison.h>

static struct list_head a, b, c;
static LIST_HEAD(head);

static int __init lc_del_poison1_init(void)
{
	pr_info("lc_del_poison1: start\n");
	list_add(&a, &head);
	list_del(&a);
	list_del(&a);
	pr_info("lc_del_poison1: survived\n");
	return 0;
}

static void __exit lc_del_poison1_exit(void)
{
}

module_init(lc_del_poison1_init);
module_exit(lc_del_poison1_exit);
MODULE_LICENSE("GPL");
