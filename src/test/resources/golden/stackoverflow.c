/*
 * stackoverflow.c - unbounded recursion in init.
 *
 * Each call of depth() keeps a 1 KiB buffer on the kernel stack, and a
 * kernel stack is only THREAD_SIZE (16 KiB) on x86-64.  With
 * CONFIG_VMAP_STACK the stack is followed by an unmapped guard page, so
 * the recursion does not silently overwrite memory: it faults on the guard
 * page, the CPU cannot even push the fault frame (a double fault), and the
 * kernel reports "stack guard page was hit" and panics.  Only Reboot helps.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static noinline int depth(int n)
{
	volatile char pad[1024];

	pad[0] = n;
	if (n == 0)
		return pad[0];
	return depth(n - 1) + pad[0];
}

static int __init stackoverflow_init(void)
{
	pr_info("stackoverflow: recursing 1000 levels deep\n");
	pr_info("stackoverflow: result %d\n", depth(1000));
	return 0;
}

static void __exit stackoverflow_exit(void)
{
}

module_init(stackoverflow_init);
module_exit(stackoverflow_exit);
MODULE_LICENSE("GPL");
