/*
 * guardpage.c - unbounded recursion with small frames: every call is a direct call between
 * compiled frames (one int parameter, nothing address-taken), and the recursion still ends on
 * the stack guard page with the same report as under the interpreter.
 *
 * expect: BUG: TASK stack guard page was hit
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static noinline int down(int n)
{
	if (n == -1)
		return 0;
	return down(n + 1) + 1;
}

static int __init guardpage_init(void)
{
	pr_info("guardpage: %d\n", down(0));
	return 0;
}

module_init(guardpage_init);
MODULE_LICENSE("GPL");
