/*
 * kplay_core.c - a library module: exports a counter and a function
 */
#include <linux/module.h>
#include <linux/kernel.h>

int core_hits;
EXPORT_SYMBOL(core_hits);

int core_square(int x)
{
	core_hits++;
	return x * x;
}
EXPORT_SYMBOL(core_square);

const char *core_version(void)
{
	return "core-1.0";
}
EXPORT_SYMBOL_GPL(core_version);

static int __init core_init(void)
{
	pr_info("kplay_core: loaded\n");
	return 0;
}

static void __exit core_exit(void)
{
	pr_info("kplay_core: unloaded, %d hits\n", core_hits);
}

module_init(core_init);
module_exit(core_exit);
MODULE_LICENSE("GPL");
