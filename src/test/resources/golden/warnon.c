/*
 * warnon.c - WARN_ON and WARN in init; the module still loads.
 */
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static int value = 3;

static int __init warnon_init(void)
{
	int r = WARN_ON(value > 2);

	pr_info("WARN_ON returned %d\n", r);
	WARN(value != 4, "value is %d, expected 4\n", value);
	WARN_ON_ONCE(1);
	WARN_ON_ONCE(1);
	return 0;
}

static void __exit warnon_exit(void)
{
	pr_info("warnon exit\n");
}

module_init(warnon_init);
module_exit(warnon_exit);
MODULE_LICENSE("GPL");
