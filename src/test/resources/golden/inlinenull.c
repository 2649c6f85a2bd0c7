/* inlinenull.c: a NULL pointer reaches an inline helper */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/atomic.h>
#include <linux/list.h>

static atomic_t *counter;
static struct list_head *head;

static int __init inlinenull_init(void)
{
	pr_info("inlinenull: list empty %d\n", list_empty(head));
	atomic_inc(counter);
	return 0;
}

static void __exit inlinenull_exit(void)
{
}

module_init(inlinenull_init);
module_exit(inlinenull_exit);
MODULE_LICENSE("GPL");
