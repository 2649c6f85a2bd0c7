/*
 * mismatch.c - a helper marked __init because init uses it, then called
 * again from the exit function.  Its code is freed once init returns.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

#define SLOTS 16

static int table[SLOTS];

static void __init show_table(const char *when)
{
	int i, sum = 0;

	for (i = 0; i < SLOTS; i++)
		sum += table[i];
	pr_info("mismatch: %s: %d slots, sum %d\n", when, SLOTS, sum);
}

static int __init mismatch_init(void)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		table[i] = i * i;
	show_table("init");
	return 0;
}

static void __exit mismatch_exit(void)
{
	show_table("exit");
}

module_init(mismatch_init);
module_exit(mismatch_exit);
MODULE_LICENSE("GPL");
