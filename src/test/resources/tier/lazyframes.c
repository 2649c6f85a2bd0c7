/*
 * lazyframes.c - deep chains of direct calls between compiled functions, whose frames keep no
 * KernelStack entry until something could read one: a native that prints the call trace
 * (dump_stack, WARN) or sleeps (msleep) at the bottom of a recursion that passes through a
 * function pointer and a variadic function, the recursion going on after the native returned,
 * recursion long enough to run out of time slices inside the chain, and finally a NULL
 * dereference at the bottom. The traces, the virtual time and the results must be the same in
 * both tiers.
 *
 * expect: lazyframes: fault
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

static int *nowhere;
static int (*step)(int n, int what);

static noinline int sum_va(int count, ...)
{
	va_list ap;
	int i, s = 0;

	va_start(ap, count);
	for (i = 0; i < count; i++)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

static noinline int bottom(int n, int what)
{
	switch (what) {
	case 1:
		dump_stack();
		break;
	case 2:
		msleep(5);
		break;
	case 3:
		WARN(1, "lazyframes: warn at %d\n", n);
		break;
	case 4:
		return *nowhere + n;
	}
	return sum_va(3, n, what, 1);
}

static noinline int down(int n, int what)
{
	int here = n * 3;

	if (n == 0)
		return bottom(here, what);
	if (n % 3 == 0)
		return step(n - 1, what) + here;
	return down(n - 1, what) + here + 1;
}

static noinline int fib(int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

static noinline int after(int n, int what)
{
	/* back down again once the native has returned: the frames above stay lazy, then get entries */
	return down(n, what) + down(n / 2, 0);
}

static int __init lazyframes_init(void)
{
	int i, sum = 0;

	step = down;
	for (i = 0; i < 300; i++)
		sum += down(i % 25, 0);
	pr_info("lazyframes: warm %d\n", sum);
	pr_info("lazyframes: fib %d\n", fib(24));
	pr_info("lazyframes: dump %d\n", after(17, 1));
	pr_info("lazyframes: sleep %d\n", after(20, 2));
	pr_info("lazyframes: warn %d\n", after(11, 3));
	pr_info("lazyframes: fault\n");
	pr_info("lazyframes: %d\n", after(30, 4));
	return 0;
}

module_init(lazyframes_init);
MODULE_LICENSE("GPL");
