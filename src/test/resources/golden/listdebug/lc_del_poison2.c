/* lc_del_poison2.c: a corrupted list under CONFIG_DEBUG_LIST */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/poison.h>

static struct list_head a, b, c;


static int __init lc_del_poison2_init(void)
{
	pr_info("lc_del_poison2: start\n");
	a.next = &b;
	a.prev = LIST_POISON2;
	list_del(&a);
	pr_info("lc_del_poison2: survived\n");
	return 0;
}

static void __exit lc_del_poison2_exit(void)
{
}

module_init(lc_del_poison2_init);
module_exit(lc_del_poison2_exit);
MODULE_LICENSE("GPL");
