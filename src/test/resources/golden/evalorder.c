/*
 * evalorder.c - in which order are function arguments evaluated?
 *
 * C leaves it unspecified; gcc on x86-64 evaluates calls right to left.
 */
#include <linux/module.h>
#include <linux/kernel.h>

static int counter;

static int next(void)
{
	return ++counter;
}

static int trace(const char *name, int v)
{
	pr_info("evalorder: evaluating %s\n", name);
	return v;
}

static int sum3(int a, int b, int c)
{
	return a * 100 + b * 10 + c;
}

static int __init evalorder_init(void)
{
	pr_info("evalorder: %d %d %d\n", next(), next(), next());
	pr_info("evalorder: sum3 = %d\n", sum3(trace("a", 1), trace("b", 2), trace("c", 3)));
	pr_info("evalorder: %d\n", sum3(next(), 0, next()));
	return 0;
}

static void __exit evalorder_exit(void)
{
}

module_init(evalorder_init);
module_exit(evalorder_exit);
MODULE_LICENSE("GPL");
