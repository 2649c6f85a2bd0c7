/*
 * mismatch2.c - the exit function calls an __init function (section mismatch), plus
 * __initconst and __exitdata used correctly.
 */
#include <linux/init.h>
#include <linux/module.h>

static const char banner[] __initconst = "mismatch2 banner";
static int exit_count __exitdata = 9;

static void __init setup_hw(void)
{
	pr_info("setup_hw\n");
}

static int __init mismatch2_init(void)
{
	pr_info("%s\n", banner);
	setup_hw();
	return 0;
}

static void __exit mismatch2_exit(void)
{
	pr_info("exit_count=%d\n", exit_count);
	setup_hw();
}

module_init(mismatch2_init);
module_exit(mismatch2_exit);
MODULE_LICENSE("GPL");
