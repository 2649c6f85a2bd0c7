/*
 * missingbrace.c - a for loop whose closing brace is missing: the init function
 * runs on to the end of the file, module_init's definitions land inside it.
 */
#include <linux/module.h>

static int __init missingbrace_init(void)
{
	int i;
	for (i = 0; i < 3; i++) {
		pr_info("%d\n", i);
	return 0;
}

module_init(missingbrace_init);
MODULE_LICENSE("GPL");
