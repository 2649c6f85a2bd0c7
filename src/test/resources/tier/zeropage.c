/*
 * zeropage.c - loads and stores at computed addresses in .bss, whose pages are the shared zero
 * page until their first store: compiled code keeps the page each load and store reached, and a
 * store that gives a page its own frame must not leave a load reading the zero page.
 *
 * expect: zeropage: 
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int big[8192];

static noinline long touch(int n, int step)
{
	long sum = 0;
	int i;

	for (i = 0; i < n; i++) {
		sum = sum * 3 + big[(i * step) % 8192];
		big[(i * 13) % 8192] = i + 1;
		sum = sum * 5 + big[(i * step) % 8192] + big[(i * 13) % 8192];
	}
	return sum;
}

static int __init zeropage_init(void)
{
	pr_info("zeropage: %ld %ld\n", touch(3000, 13), touch(5000, 7));
	return 0;
}

module_init(zeropage_init);
MODULE_LICENSE("GPL");
