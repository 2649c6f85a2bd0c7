/*
 * doublefree.c - kfree() of the same buffer twice in init.
 *
 * SLUB keeps a free object's next-free pointer inside the object. With
 * CONFIG_SLAB_FREELIST_HARDENED (Debian sets it), set_freepointer()
 * checks that an object is not freed onto itself: the second kfree() of
 * the object just freed hits BUG_ON(object == fp).
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static int __init doublefree_init(void)
{
	char *buf = kmalloc(64, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	strscpy(buf, "short-lived", 64);
	pr_info("doublefree: buffer holds \"%s\"\n", buf);
	kfree(buf);
	pr_info("doublefree: freed once\n");
	kfree(buf);
	pr_info("doublefree: freed twice\n");
	return 0;
}

static void __exit doublefree_exit(void)
{
	pr_info("doublefree: exit\n");
}

module_init(doublefree_init);
module_exit(doublefree_exit);
MODULE_LICENSE("GPL");
