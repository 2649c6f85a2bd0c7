/*
 * warnonce.c - WARN_ON_ONCE in a helper that init calls with three sizes.
 *
 * The first bad size prints the full WARNING report (file:line, the
 * function, registers, call trace) and taints the kernel with W; the
 * second bad size prints nothing, because each WARN_ON_ONCE site keeps a
 * "warned" flag of its own.  WARN_ON_ONCE still returns true both times,
 * so the caller can refuse the bad value.  The flag lives in the module's
 * data: load the module again and the first bad call warns again.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

#define MAX_SIZE 64

static noinline int check_size(int size)
{
	if (WARN_ON_ONCE(size > MAX_SIZE))
		return -EINVAL;
	return 0;
}

static int sizes[] = { 16, 100, 200 };

static int __init warnonce_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		pr_info("check_size(%d) = %d\n", sizes[i], check_size(sizes[i]));
	return 0;
}

static void __exit warnonce_exit(void)
{
	pr_info("warnonce: bye\n");
}

module_init(warnonce_init);
module_exit(warnonce_exit);
MODULE_LICENSE("GPL");
