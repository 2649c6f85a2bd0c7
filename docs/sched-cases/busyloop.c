/*
 * busyloop.c - a compute-bound init: ten million rounds of a xorshift
 * generator, a fraction of a second of CPU, no sleeping.
 */
#include <linux/init.h>
#include <linux/module.h>

static int rounds = 10000000;
module_param(rounds, int, 0444);

static int __init busyloop_init(void)
{
	u64 x = 88172645463325252ULL;
	unsigned int ones = 0;
	int i;

	for (i = 0; i < rounds; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		ones += x & 1;
	}
	pr_info("busyloop: %d rounds, x=%llx ones=%u\n", rounds, x, ones);
	return 0;
}

static void __exit busyloop_exit(void)
{
	pr_info("busyloop exit\n");
}

module_init(busyloop_init);
module_exit(busyloop_exit);
MODULE_LICENSE("GPL");
