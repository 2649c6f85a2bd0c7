/*
 * scanbad.c - sscanf() arguments that do not match the format
 */
#include <linux/module.h>
#include <linux/kernel.h>

static int __init scanbad_init(void)
{
	long value = 0;
	int count = 0;
	unsigned int u = 0;
	char name[8];

	sscanf("42", "%d", &value);
	sscanf("43", "%d", count);
	sscanf("44", "%u", &u);
	sscanf("45 x", "%ld %s", &count, &name);
	sscanf("46", "%d %d", &count);
	pr_info("scanbad: %ld %d %u\n", value, count, u);
	return 0;
}

static void __exit scanbad_exit(void)
{
}

module_init(scanbad_init);
module_exit(scanbad_exit);
MODULE_LICENSE("GPL");
