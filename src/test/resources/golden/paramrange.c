/*
 * paramrange.c - how the kernel reports parameter values it cannot take
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>

static short temp = 20;
module_param(temp, short, 0644);
static unsigned int limit = 100;
module_param(limit, uint, 0644);
static long offset;
module_param(offset, long, 0444);
static int weights[3];
static int nweights;
module_param_array(weights, int, &nweights, 0444);
static unsigned long long big;
module_param(big, ullong, 0600);
static bool flag;
module_param_named(enable, flag, bool, 0644);

static int __init paramrange_init(void)
{
	pr_info("paramrange: temp=%d limit=%u offset=%ld nweights=%d big=%llu enable=%d\n",
		temp, limit, offset, nweights, big, flag);
	return 0;
}

static void __exit paramrange_exit(void)
{
	pr_info("paramrange: temp=%d limit=%u\n", temp, limit);
}

module_init(paramrange_init);
module_exit(paramrange_exit);
MODULE_LICENSE("GPL");
