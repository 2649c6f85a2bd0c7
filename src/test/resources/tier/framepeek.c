/*
 * framepeek.c - code that looks at the stack frames around its own locals: the return
 * addresses, saved frame pointers and parameters that calls store in the frame, and a callee
 * that writes into its caller's frame through a pointer it computes. Both tiers must have put
 * the same bytes there, and a caller must see what its callee wrote.
 *
 * expect: framepeek: victim
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static noinline unsigned long peek(int n, int k)
{
	volatile int here = n;
	unsigned long *p = (unsigned long *)&here;

	return p[k] + here;
}

static noinline int leaf(int a, int b, int c, int d)
{
	return a * 1000 + b * 100 + c * 10 + d;
}

static noinline void scribble(int v)
{
	volatile int mine = v;
	int *p = (int *)&mine;

	/* the caller's x and y, just above this frame and its return address */
	p[11] = v + 11;
	p[12] = v + 12;
}

static noinline int victim(int x)
{
	int y = x * 3;

	scribble(x);
	return y + x;
}

static int __init framepeek_init(void)
{
	unsigned long sum = 0;
	int i, k;

	for (i = 0; i < 100; i++)
		for (k = 0; k < 6; k++)
			sum = sum * 31 + peek(i, k) + leaf(i, k, i + k, i - k);
	pr_info("framepeek: %lx\n", sum);
	for (i = 0; i < 100; i++)
		sum = sum * 7 + victim(i);
	pr_info("framepeek: victim %lx\n", sum);
	return 0;
}

module_init(framepeek_init);
MODULE_LICENSE("GPL");
