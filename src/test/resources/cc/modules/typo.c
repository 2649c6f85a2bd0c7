#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>

static int __init typo_init(void)
{
	char *p = kmallc(16, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	kfree(q);
	return 0;
}
module_init(typo_init);
MODULE_LICENSE("GPL");
