// gcc moves a call to a __cold function (dump_stack, printk) in a branch to the function's .cold part
#include <linux/module.h>
#include <linux/kernel.h>

static int v;
module_param(v, int, 0444);

noinline int cold_branch(int x)
{
	if (x >= 0)
		dump_stack();		/* in a branch: placed in cold_branch.cold */
	return x + 1;
}

noinline int cold_straight(int x)
{
	dump_stack();			/* not in a branch: stays in the function */
	return x + 2;
}

static int __init coldcall_init(void)
{
	pr_info("branch\n");
	cold_branch(v);
	pr_info("straight\n");
	cold_straight(v);
	if (v >= 0) {
		pr_info("init branch\n");
		dump_stack();
	}
	return 0;
}

module_init(coldcall_init);
MODULE_LICENSE("GPL");
