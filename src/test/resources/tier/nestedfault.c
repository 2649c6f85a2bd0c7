/*
 * nestedfault.c - a NULL dereference 40 direct calls deep (past the point where compiled calls
 * go back through the interpreter): the oops shows the same RIP and call trace in both tiers.
 *
 * expect: BUG: kernel NULL pointer dereference
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int *nowhere;

static noinline int chain(int n, int acc)
{
	if (n == 0)
		return *nowhere + acc;
	return chain(n - 1, acc + n) + 1;
}

static int __init nestedfault_init(void)
{
	int i, sum = 0;

	for (i = 0; i < 200; i++)
		sum += chain(i % 20, i) - i;
	pr_info("nestedfault: warm %d\n", sum);
	pr_info("nestedfault: %d\n", chain(60, 0));
	return 0;
}

module_init(nestedfault_init);
MODULE_LICENSE("GPL");
